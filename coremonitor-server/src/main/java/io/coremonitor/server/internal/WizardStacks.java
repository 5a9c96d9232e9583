package io.coremonitor.server.internal;

import io.coremonitor.engine.CoreMonitor;
import io.coremonitor.engine.catalog.Catalog;
import io.coremonitor.engine.catalog.Component;
import io.coremonitor.engine.catalog.Environment;
import io.coremonitor.engine.catalog.Parameter;
import io.coremonitor.engine.catalog.RulesEngine;
import io.coremonitor.engine.catalog.RulesResult;
import io.coremonitor.engine.catalog.SecretValue;
import io.coremonitor.engine.catalog.ValueGenerator;
import io.coremonitor.engine.secrets.DuplicateSecretException;
import io.coremonitor.engine.secrets.InvalidSecretException;
import io.coremonitor.model.Command;
import io.coremonitor.model.DuplicateStackNameException;
import io.coremonitor.model.Stack;
import io.coremonitor.model.StackNotFoundException;
import io.coremonitor.model.StackVersion;
import io.coremonitor.server.internal.WizardBodies.ComponentChoiceBody;
import io.coremonitor.server.internal.WizardBodies.RuleMessageView;
import io.coremonitor.server.internal.WizardBodies.WizardChoicesRequest;
import io.coremonitor.server.internal.WizardBodies.WizardSecretView;
import io.coremonitor.server.internal.WizardBodies.WizardStackRequest;
import io.coremonitor.store.StoredSecret;
import io.coremonitor.store.VersionCreation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stacks made from the wizard's choices: a new stack with its secrets and {@code v1}, or the next version of a stack
 * the wizard made, each optionally applied. Nothing is half made: the secrets stored by a call that then fails are
 * deleted again, and a new stack with them. Secret values go from the rules engine to the secret store and nowhere
 * else (no answer, no log line).
 */
final class WizardStacks {

    private static final Logger LOG = LoggerFactory.getLogger(WizardStacks.class);
    private static final String V1 = "v1";

    private final CoreMonitor engine;
    private final DockerAccess docker;
    private final CatalogHolder catalog;
    private final HostPorts hostPorts;
    private final ValueGenerator generator;

    WizardStacks(CoreMonitor engine, DockerAccess docker, CatalogHolder catalog, HostPorts hostPorts, ValueGenerator generator) {
        this.engine = engine;
        this.docker = docker;
        this.catalog = catalog;
        this.hostPorts = hostPorts;
        this.generator = generator;
    }

    /**
     * What a call made.
     *
     * @param stack   the stack, read after everything was stored
     * @param version the version made (or the latest, when the choices make the same definition)
     * @param created whether a version was created
     * @param secrets every secret the version references
     * @param command the APPLY enqueued, when asked for
     */
    record Made(Stack stack, StackVersion version, boolean created, List<WizardSecretView> secrets, Optional<Command> command) {
    }

    /**
     * A new stack from the choices: its secrets, {@code v1}, the choices recorded with it, and its APPLY when asked.
     *
     * @throws WizardRefusedException      (422) when the choices have errors; (409) when a secret name is taken
     * @throws DuplicateStackNameException when a live stack has the name
     * @throws ServiceUnavailableException when {@code apply} is asked and Docker does not answer (nothing is made)
     */
    Made create(WizardStackRequest req, String actor) {
        WizardChoicesRequest choices = req.choices();
        Catalog cat = catalog.current();
        RulesResult r = RulesEngine.evaluate(cat, choices.toChoices(), environment(Optional.empty()));
        requireValid(r);
        String name = choices.name();
        if (engine.store().stacks().getByName(name).isPresent()) {
            throw new DuplicateStackNameException(name);
        }
        Map<String, String> paths = secretPaths(choices, cat);
        for (SecretValue s : r.secrets()) {
            engine.secrets().find(s.name()).ifPresent(taken -> {
                throw secretTaken(taken, paths);
            });
        }
        if (req.apply()) {
            docker.requireReachable();
        }
        String author = req.author().orElse(actor);
        Stack stack = engine.stacks().createStack(name, r.compose().orElseThrow(), Map.of(), author, comment(req), Optional.empty());
        String stackId = stack.stackId();
        List<String> stored = new ArrayList<>();
        try {
            store(stackId, r.secrets(), stored, paths, actor);
            engine.store().wizardChoices().put(stackId, V1, Views.line(choices.toStoredJson(cat)), author);
        } catch (RuntimeException e) {
            LOG.warn("wizard: stack {} ({}) not made: {}; its secrets and the stack are deleted again", name, stackId,
                    e.getMessage());
            deleteSecrets(stored, actor);
            engine.store().stacks().delete(stackId);
            throw e;
        }
        LOG.info("wizard: stack {} ({}) made with {} secret(s) by {}", name, stackId, stored.size(), author);
        Optional<Command> command = req.apply() ? Optional.of(engine.commands().apply(stackId, V1, false, actor))
                : Optional.empty();
        List<WizardSecretView> secrets = r.secrets().stream().map(s -> new WizardSecretView(s.name(), s.generated(), true))
                .toList();
        return new Made(engine.stacks().get(stackId), engine.stacks().version(stackId, V1), true, secrets, command);
    }

    /**
     * The next version of a stack the wizard made, from its complete new choices: the secrets the stack has are kept
     * (an absent secret parameter takes the stored value; a given one must equal it), new ones are stored.
     *
     * @throws StackNotFoundException       when the stack does not exist or was deleted
     * @throws WizardNotUsedException       when the wizard made none of its versions
     * @throws WizardRefusedException       (422) when the choices have errors or rename the stack; (409) when a secret
     *                                      name is taken by a global secret or another stack's
     */
    Made next(String stackId, WizardStackRequest req, String actor) {
        Stack stack = liveStack(stackId);
        engine.store().wizardChoices().latest(stackId).orElseThrow(() -> new WizardNotUsedException(stack));
        if (!req.name().equals(stack.name())) {
            throw WizardRefusedException.invalid(List.of(new RuleMessageView("name", "the stack is named '" + stack.name()
                    + "': the wizard keeps a stack's name", Optional.of("name it '" + stack.name() + "'"), List.of())));
        }
        Catalog cat = catalog.current();
        Map<String, StoredSecret> own = engine.secrets().listOfStack(stackId).stream()
                .collect(Collectors.toMap(StoredSecret::name, Function.identity()));
        WizardChoicesRequest choices = withStoredSecrets(req.choices(), cat, stackId, own.keySet());
        RulesResult r = RulesEngine.evaluate(cat, choices.toChoices(), environment(Optional.of(stack)));
        requireValid(r);
        Map<String, String> paths = secretPaths(choices, cat);
        List<SecretValue> fresh = new ArrayList<>();
        for (SecretValue s : r.secrets()) {
            if (!own.containsKey(s.name())) {
                engine.secrets().find(s.name()).ifPresent(taken -> {
                    throw secretTaken(taken, paths);
                });
                fresh.add(s);
            }
        }
        if (req.apply()) {
            docker.requireReachable();
        }
        String author = req.author().orElse(actor);
        List<String> stored = new ArrayList<>();
        VersionCreation creation;
        try {
            store(stackId, fresh, stored, paths, actor);
            creation = engine.stacks().createVersion(stackId, r.compose().orElseThrow(), Map.of(), author, comment(req),
                    stack.latestVersion());
            engine.store().wizardChoices().put(stackId, creation.version().version(), Views.line(choices.toStoredJson(cat)),
                    author);
        } catch (RuntimeException e) {
            LOG.warn("wizard: no new version of stack {} ({}): {}; the secrets it stored are deleted again", stack.name(),
                    stackId, e.getMessage());
            deleteSecrets(stored, actor);
            throw e;
        }
        String version = creation.version().version();
        LOG.info("wizard: stack {} ({}) {} {} with {} new secret(s) by {}", stack.name(), stackId,
                creation.created() ? "made" : "kept", version, stored.size(), author);
        Optional<Command> command = req.apply() ? Optional.of(engine.commands().apply(stackId, version, false, actor))
                : Optional.empty();
        Set<String> storedNow = new HashSet<>(stored);
        List<WizardSecretView> secrets = r.secrets().stream().map(s -> storedNow.contains(s.name())
                ? new WizardSecretView(s.name(), s.generated(), true) : new WizardSecretView(s.name(), false, false)).toList();
        return new Made(engine.stacks().get(stackId), creation.version(), creation.created(), secrets, command);
    }

    /** The choices the wizard made the stack's newest wizard version from (JSON text, without secret values). */
    String choices(String stackId) {
        Stack stack = engine.stacks().get(stackId);
        return engine.store().wizardChoices().latest(stackId).orElseThrow(() -> new WizardNotUsedException(stack)).choices();
    }

    private Stack liveStack(String stackId) {
        Stack stack = engine.stacks().get(stackId);
        if (stack.deleted()) {
            throw new StackNotFoundException(stackId, "stack " + stackId + " (" + stack.name() + ") was deleted");
        }
        return stack;
    }

    /**
     * The choices with each absent secret parameter whose secret the stack has filled with its stored value (so the
     * rules find the value they need; it is kept, not stored again); a given value must be the stored one.
     */
    private WizardChoicesRequest withStoredSecrets(WizardChoicesRequest choices, Catalog cat, String stackId, Set<String> own) {
        List<ComponentChoiceBody> filled = new ArrayList<>();
        List<RuleMessageView> errors = new ArrayList<>();
        for (int i = 0; i < choices.components().size(); i++) {
            ComponentChoiceBody c = choices.components().get(i);
            Map<String, String> values = new LinkedHashMap<>(c.parameters());
            Optional<Component> component = cat.find(c.component());
            if (component.isPresent()) {
                for (Parameter p : component.get().parameters()) {
                    String secret = SecretValue.nameOf(choices.name(), c.instance(), p.name());
                    if (!p.secret() || !own.contains(secret)) {
                        continue;
                    }
                    io.coremonitor.engine.secrets.SecretValue stored = engine.secrets().resolve(stackId, secret);
                    String given = values.get(p.name());
                    if (given == null || given.isEmpty()) {
                        values.put(p.name(), stored.asString());
                    } else if (!io.coremonitor.engine.secrets.SecretValue.of(given).equals(stored)) {
                        errors.add(new RuleMessageView("components[" + i + "].parameters." + p.name(), "the stack has the"
                                + " secret '" + secret + "' already, with another value: the wizard keeps a stack's secrets",
                                Optional.of("leave " + p.name() + " empty to keep it, or change the secret with PUT /secrets/"
                                        + secret + " (then apply)"), List.of()));
                    }
                }
            }
            filled.add(c.withParameters(values));
        }
        if (!errors.isEmpty()) {
            throw WizardRefusedException.invalid(errors);
        }
        return new WizardChoicesRequest(choices.name(), filled);
    }

    /** Stores secrets of the stack, adding each name to {@code stored} once it is. */
    private void store(String stackId, List<SecretValue> secrets, List<String> stored, Map<String, String> paths,
            String actor) {
        for (SecretValue s : secrets) {
            try {
                engine.secrets().create(s.name(), Optional.of(stackId), io.coremonitor.engine.secrets.SecretValue.of(s.value()),
                        actor);
            } catch (InvalidSecretException e) {
                throw WizardRefusedException.invalid(List.of(new RuleMessageView(paths.getOrDefault(s.name(), "components"),
                        e.getMessage(), Optional.empty(), List.of())));
            } catch (DuplicateSecretException e) {
                throw new WizardRefusedException(409, e.getMessage(), List.of(new RuleMessageView(
                        paths.getOrDefault(s.name(), "components"), e.getMessage(), Optional.empty(), List.of())));
            }
            stored.add(s.name());
        }
    }

    private void deleteSecrets(List<String> names, String actor) {
        for (String name : names) {
            try {
                engine.secrets().delete(name, actor);
            } catch (RuntimeException e) {
                LOG.error("wizard: secret {} could not be deleted again: {}", name, e.getMessage());
            }
        }
    }

    private static void requireValid(RulesResult r) {
        if (!r.errors().isEmpty()) {
            throw WizardRefusedException.invalid(RuleMessageView.of(r.errors()));
        }
    }

    /** Secret name to the path of the parameter it comes from ({@code components[2].parameters.password}). */
    private static Map<String, String> secretPaths(WizardChoicesRequest choices, Catalog cat) {
        Map<String, String> paths = new HashMap<>();
        for (int i = 0; i < choices.components().size(); i++) {
            ComponentChoiceBody c = choices.components().get(i);
            int index = i;
            cat.find(c.component()).ifPresent(component -> component.parameters().stream().filter(Parameter::secret)
                    .forEach(p -> paths.put(SecretValue.nameOf(choices.name(), c.instance(), p.name()),
                            "components[" + index + "].parameters." + p.name())));
        }
        return paths;
    }

    private static WizardRefusedException secretTaken(StoredSecret taken, Map<String, String> paths) {
        String owner = taken.stackId().map(s -> "of stack " + s).orElse("global");
        String message = "a secret named '" + taken.name() + "' exists already (" + owner + "): the wizard stores the"
                + " stack's secret under that name";
        return new WizardRefusedException(409, message, List.of(new RuleMessageView(paths.getOrDefault(taken.name(),
                "components"), message, Optional.of("delete that secret (DELETE /secrets/" + taken.name() + "), or choose"
                + " another stack or instance name"), List.of())));
    }

    private static String comment(WizardStackRequest req) {
        return req.comment().orElseGet(() -> "wizard: " + req.components().stream().map(ComponentChoiceBody::instance)
                .collect(Collectors.joining(", ")));
    }

    /** The host ports taken: by the other stacks, and on the host but for those the stack's current version publishes. */
    private Environment environment(Optional<Stack> stack) {
        Map<Integer, String> published = PublishedPorts.of(engine, stack.map(Stack::stackId));
        Set<Integer> inUse = new HashSet<>(hostPorts.inUse());
        stack.ifPresent(s -> inUse.removeAll(PublishedPorts.ofStack(engine, s)));
        return new Environment(published, inUse, generator);
    }
}
