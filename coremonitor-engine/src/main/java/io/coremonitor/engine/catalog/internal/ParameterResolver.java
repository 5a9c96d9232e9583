package io.coremonitor.engine.catalog.internal;

import io.coremonitor.engine.catalog.Parameter;
import io.coremonitor.engine.catalog.SecretValue;
import io.coremonitor.engine.catalog.ValueGenerator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** Checks an instance's parameter values (unknown, missing, type, values, pattern) and fills defaults and generated ones. */
public final class ParameterResolver {

    private final String stackName;
    private final ValueGenerator generator;
    private final Findings findings;

    public ParameterResolver(String stackName, ValueGenerator generator, Findings findings) {
        this.stackName = stackName;
        this.generator = generator;
        this.findings = findings;
    }

    /** The values of {@code instance}; each problem is an error at {@code components[i].parameters.NAME}. */
    public InstanceValues resolve(Instance instance) {
        List<String> known = instance.component().parameters().stream().map(Parameter::name).toList();
        for (String given : new TreeSet<>(instance.choice().parameters().keySet())) {
            if (instance.component().parameter(given).isEmpty()) {
                findings.error(instance.path("parameters." + given), instance.label() + " has no parameter '" + given + "'",
                    known.isEmpty() ? "remove it: " + instance.component().title() + " takes no parameter"
                        : "remove it, or use one of: " + String.join(", ", known), known);
            }
        }
        Map<String, String> values = new HashMap<>();
        Map<String, SecretValue> secrets = new HashMap<>();
        for (Parameter p : instance.component().parameters()) {
            String path = instance.path("parameters." + p.name());
            Optional<String> given = Optional.ofNullable(instance.choice().parameters().get(p.name())).filter(v -> !v.isEmpty());
            Optional<String> value = given.or(p::defaultValue);
            boolean generated = false;
            if (value.isEmpty() && p.generate().isPresent()) {
                value = Optional.of(generator.generate(p.generate().get()));
                generated = true;
            }
            if (value.isEmpty()) {
                if (p.required()) {
                    findings.error(path, instance.label() + " needs a value for '" + p.label() + "' (" + p.name() + ")",
                        "give " + expected(p));
                }
                continue;
            }
            Optional<String> problem = ParameterValues.problem(p, value.get());
            if (problem.isPresent()) {
                findings.error(path, instance.label() + ", " + p.label() + ": " + problem.get(), "give " + expected(p),
                    p.values());
                continue;
            }
            if (p.secret()) {
                String name = SecretValue.nameOf(stackName, instance.name(), p.name());
                secrets.put(p.name(), new SecretValue(name, value.get(), generated));
            } else {
                values.put(p.name(), value.get());
            }
        }
        return new InstanceValues(values, secrets);
    }

    /** What a parameter takes, for a fix: {@code a whole number}, {@code one of: a, b}. */
    static String expected(Parameter p) {
        String what = switch (p.type()) {
            case INT -> "a whole number";
            case BOOL -> "true or false";
            case PORT -> "a port from 1 to 65535";
            case ENUM -> "one of: " + String.join(", ", p.values());
            case PASSWORD -> "a password";
            default -> "a text";
        };
        return what + p.pattern().map(re -> " matching " + re.pattern()).orElse("");
    }
}
