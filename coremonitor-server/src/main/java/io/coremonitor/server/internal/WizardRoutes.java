package io.coremonitor.server.internal;

import io.coremonitor.engine.CommandFailedException;
import io.coremonitor.engine.CoreMonitor;
import io.coremonitor.engine.catalog.Environment;
import io.coremonitor.engine.catalog.RulesEngine;
import io.coremonitor.engine.catalog.RulesResult;
import io.coremonitor.engine.catalog.ValueGenerator;
import io.coremonitor.engine.catalog.WizardChoices;
import io.coremonitor.model.ComposeDefinition;
import io.coremonitor.model.ComposeLoader;
import io.coremonitor.model.LocatedError;
import io.coremonitor.model.ValidationReport;
import io.coremonitor.server.internal.WizardBodies.NewStackPlanView;
import io.coremonitor.server.internal.WizardBodies.RuleMessageView;
import io.coremonitor.server.internal.WizardBodies.SecretView;
import io.coremonitor.server.internal.WizardBodies.WireView;
import io.coremonitor.server.internal.WizardBodies.WizardChoicesRequest;
import io.coremonitor.server.internal.WizardBodies.WizardPreviewView;
import io.coremonitor.server.internal.WizardBodies.WizardValidationView;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The wizard's checks, which store nothing: the rules on a set of choices ({@code /wizard/validate}), and the
 * definition they make with its plan ({@code /wizard/preview}). Invalid choices are a 200 with {@code valid: false},
 * like {@code POST /validate}; only a malformed body is a 400. Secret values never leave the rules engine's result.
 */
final class WizardRoutes {

    /** The path prefix of what the definition loader says about the generated definition. */
    private static final String COMPOSE = "compose";

    private final CoreMonitor engine;
    private final DockerAccess docker;
    private final CatalogHolder catalog;
    private final HostPorts hostPorts;
    private final ValueGenerator generator = ValueGenerator.secure();

    WizardRoutes(CoreMonitor engine, DockerAccess docker, CatalogHolder catalog, HostPorts hostPorts) {
        this.engine = engine;
        this.docker = docker;
        this.catalog = catalog;
        this.hostPorts = hostPorts;
    }

    void validate(Context ctx) {
        WizardChoices choices = read(ctx);
        RulesResult r = RulesEngine.evaluate(catalog.current(), choices, environment());
        List<RuleMessageView> errors = errors(r, choices);
        ctx.json(new WizardValidationView(errors.isEmpty(), errors, RuleMessageView.of(r.warnings()), WireView.of(r.wiring())));
    }

    void preview(Context ctx) {
        WizardChoices choices = read(ctx);
        RulesResult r = RulesEngine.evaluate(catalog.current(), choices, environment());
        List<RuleMessageView> errors = errors(r, choices);
        List<RuleMessageView> warnings = new ArrayList<>(RuleMessageView.of(r.warnings()));
        Optional<NewStackPlanView> plan = Optional.empty();
        if (r.compose().isPresent() && errors.isEmpty()) {
            ValidationReport report = ComposeLoader.validate(r.compose().get(), Map.of());
            report.errors().forEach(e -> warnings.add(loaderMessage(e)));
            report.warnings().forEach(e -> warnings.add(loaderMessage(e)));
            if (report.valid()) {
                plan = plan(choices.stackName(), report.definition().orElseThrow(), warnings);
            }
        }
        ctx.json(new WizardPreviewView(errors.isEmpty(), errors, warnings, WireView.of(r.wiring()),
                r.compose(), SecretView.of(r.secrets()), plan));
    }

    /**
     * The rules engine's errors, and one at {@code name} when a live stack has that name already (the engine is pure:
     * it knows no stack; creating it would be a 409).
     */
    private List<RuleMessageView> errors(RulesResult r, WizardChoices choices) {
        List<RuleMessageView> errors = new ArrayList<>(RuleMessageView.of(r.errors()));
        String name = choices.stackName();
        engine.store().stacks().getByName(name).ifPresent(existing -> errors.add(0, new RuleMessageView("name",
                "a stack named '" + name + "' exists already (" + existing.stackId() + ")",
                Optional.of("choose another name, or delete that stack first"), List.of())));
        return List.copyOf(errors);
    }

    private static WizardChoices read(Context ctx) {
        return WizardChoicesRequest.read(Requests.body(ctx, WizardChoicesRequest.class)).toChoices();
    }

    /** The ports other stacks publish (from the store) and those in use on the host (when it is knowable). */
    private Environment environment() {
        return new Environment(PublishedPorts.of(engine), hostPorts.inUse(), generator);
    }

    /**
     * The plan of the new stack; when it cannot be made (Docker not configured, or unreachable for an external object;
     * a field the Docker translation refuses), none, and a warning at {@code plan} that says why.
     */
    private Optional<NewStackPlanView> plan(String stackName, ComposeDefinition definition, List<RuleMessageView> warnings) {
        try {
            return Optional.of(NewStackPlanView.of(docker.call(() -> docker.inspector().planNew(stackName, definition))));
        } catch (ServiceUnavailableException | CommandFailedException e) {
            warnings.add(new RuleMessageView("plan", "no plan: " + e.getMessage(), Optional.empty(), List.of()));
            return Optional.empty();
        }
    }

    /** What the definition loader says about the generated definition, at {@code compose.<its path>}. */
    private static RuleMessageView loaderMessage(LocatedError e) {
        String path = e.path().isEmpty() ? COMPOSE : COMPOSE + "." + e.path();
        return new RuleMessageView(path, e.message(), Optional.empty(), List.of());
    }
}
