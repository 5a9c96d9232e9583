package io.coremonitor.engine.catalog;

import io.coremonitor.engine.catalog.internal.ComposeRenderer;
import io.coremonitor.engine.catalog.internal.ConflictCheck;
import io.coremonitor.engine.catalog.internal.Findings;
import io.coremonitor.engine.catalog.internal.Instance;
import io.coremonitor.engine.catalog.internal.InstanceResolver;
import io.coremonitor.engine.catalog.internal.InstanceValues;
import io.coremonitor.engine.catalog.internal.ParameterResolver;
import io.coremonitor.engine.catalog.internal.PortCheck;
import io.coremonitor.engine.catalog.internal.WiringResolver;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of the wizard, pure: choices in, errors (each with its path into the choices and its fix) or a compose
 * definition out. It asks nothing of Docker or the store (the caller fills the {@link Environment}); the same choices
 * and the same generator give the same text.
 *
 * <p>Order: the stack name, each choice's component, version, name and image; its parameters; conflicts; wiring
 * (explicit, else automatic when exactly one chosen component fits); host ports; then, when nothing is wrong, the
 * definition. Every error found is reported, not only the first.
 */
public final class RulesEngine {

    private static final Logger LOG = LoggerFactory.getLogger(RulesEngine.class);

    private RulesEngine() {
    }

    /** Evaluates {@code choices} against {@code catalog} in {@code environment}. */
    public static RulesResult evaluate(Catalog catalog, WizardChoices choices, Environment environment) {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(choices, "choices");
        Objects.requireNonNull(environment, "environment");
        Findings findings = new Findings();
        List<Instance> instances = new InstanceResolver(catalog, findings).resolve(choices);
        ParameterResolver parameters = new ParameterResolver(choices.stackName(), environment.generator(), findings);
        Map<String, InstanceValues> values = new HashMap<>();
        for (Instance instance : instances) {
            values.put(instance.name(), parameters.resolve(instance));
        }
        new ConflictCheck(findings).check(instances);
        List<Wire> wiring = new WiringResolver(catalog, findings).resolve(instances);
        new PortCheck(environment, findings).check(instances, values);
        Optional<String> compose = Optional.empty();
        List<SecretValue> secrets = new ArrayList<>();
        if (!findings.hasErrors()) {
            compose = new ComposeRenderer(choices.stackName(), instances, values, wiring, findings).render();
            if (compose.isPresent()) {
                instances.forEach(i -> secrets.addAll(values.get(i.name()).secrets().values()));
                secrets.sort(Comparator.comparing(SecretValue::name));
            }
        }
        List<RuleMessage> errors = new ArrayList<>(findings.errors());
        errors.sort(Comparator.comparing(RulesEngine::choiceIndex));
        LOG.debug("rules: stack {}, {} components, {} errors, {} warnings", choices.stackName(), choices.components().size(),
            errors.size(), findings.warnings().size());
        return new RulesResult(errors, findings.warnings(), wiring, compose, compose.isPresent() ? secrets : List.of());
    }

    /** The index of the choice an error is about ({@code components[3]...}: 3), -1 for the stack itself. */
    private static int choiceIndex(RuleMessage m) {
        if (!m.path().startsWith("components[")) {
            return -1;
        }
        int end = m.path().indexOf(']');
        return Integer.parseInt(m.path().substring("components[".length(), end));
    }
}
