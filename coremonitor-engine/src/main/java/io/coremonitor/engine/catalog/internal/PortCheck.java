package io.coremonitor.engine.catalog.internal;

import io.coremonitor.engine.catalog.Environment;
import io.coremonitor.engine.catalog.Parameter;
import io.coremonitor.engine.catalog.ParameterType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses a host port (a {@code port} parameter's value) published twice in the choices, published by another stack or
 * in use on the host; the fix is the next free port.
 */
public final class PortCheck {

    private final Environment environment;
    private final Findings findings;

    public PortCheck(Environment environment, Findings findings) {
        this.environment = environment;
        this.findings = findings;
    }

    public void check(List<Instance> instances, Map<String, InstanceValues> values) {
        Set<Integer> chosen = new HashSet<>();
        for (Instance instance : instances) {
            for (Parameter p : instance.component().parameters()) {
                port(instance, p, values).ifPresent(chosen::add);
            }
        }
        Map<Integer, Instance> seen = new HashMap<>();
        for (Instance instance : instances) {
            for (Parameter p : instance.component().parameters()) {
                Optional<Integer> port = port(instance, p, values);
                if (port.isEmpty()) {
                    continue;
                }
                String path = instance.path("parameters." + p.name());
                int n = port.get();
                Instance before = seen.putIfAbsent(n, instance);
                Optional<String> holder = environment.holderOf(n);
                String free = String.valueOf(free(n, chosen));
                if (before != null) {
                    findings.error(path, "host port " + n + " of " + instance.label() + " is also published by " + before.label(),
                        "use another port, such as " + free, List.of(free));
                } else if (holder.isPresent()) {
                    findings.error(path, "host port " + n + " of " + instance.label() + " is already "
                        + (holder.get().startsWith("stack") ? "published by " : "used by ") + holder.get(),
                        "use another port, such as " + free, List.of(free));
                }
            }
        }
    }

    private static Optional<Integer> port(Instance instance, Parameter p, Map<String, InstanceValues> values) {
        if (p.type() != ParameterType.PORT) {
            return Optional.empty();
        }
        return Optional.ofNullable(values.get(instance.name())).map(v -> v.values().get(p.name())).map(Integer::valueOf);
    }

    private int free(int from, Set<Integer> chosen) {
        for (int p = from + 1; p <= 65535; p++) {
            if (!chosen.contains(p) && environment.holderOf(p).isEmpty()) {
                return p;
            }
        }
        for (int p = 1024; p < from; p++) {
            if (!chosen.contains(p) && environment.holderOf(p).isEmpty()) {
                return p;
            }
        }
        return from;
    }
}
