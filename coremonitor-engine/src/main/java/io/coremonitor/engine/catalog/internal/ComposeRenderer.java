package io.coremonitor.engine.catalog.internal;

import io.coremonitor.engine.catalog.ComposeFragment;
import io.coremonitor.engine.catalog.Requirement;
import io.coremonitor.engine.catalog.SecretValue;
import io.coremonitor.engine.catalog.Wire;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Assembles the compose definition from the instances' fragments: each instance's service (its fragment, then the
 * {@code when} fragments of its wired optional requirements, in the order they are declared), then the components
 * merged into another's service, the top-level volumes and the secrets; ordered so that the same choices always make
 * the same text.
 */
public final class ComposeRenderer {

    private final String stack;
    private final List<Instance> instances;
    private final Map<String, InstanceValues> values;
    private final List<Wire> wires;
    private final Findings findings;
    /** The choice whose fragment is being filled, for the error of a missing export. */
    private String currentPath = "components";

    public ComposeRenderer(String stack, List<Instance> instances, Map<String, InstanceValues> values, List<Wire> wires,
            Findings findings) {
        this.stack = stack;
        this.instances = instances;
        this.values = values;
        this.wires = wires;
        this.findings = findings;
    }

    /** The YAML text, or empty when a fragment could not be filled (an error then says why). */
    public Optional<String> render() {
        Map<String, Instance> byName = new HashMap<>();
        instances.forEach(i -> byName.put(i.name(), i));
        Map<String, Map<String, String>> wiring = WiringResolver.byInstance(wires);
        Map<String, Map<String, Object>> services = new TreeMap<>();
        Map<String, Object> volumes = new TreeMap<>();
        List<Instance> merged = new ArrayList<>();
        try {
            for (Instance instance : instances) {
                if (instance.component().compose().into().isPresent()) {
                    merged.add(instance);
                    continue;
                }
                Map<String, Object> service = new LinkedHashMap<>();
                contribute(instance, byName, wiring, service, volumes);
                services.put(instance.name(), service);
            }
            for (Instance instance : merged) {
                String target = wiring.get(instance.name()).get(instance.component().compose().into().get());
                contribute(instance, byName, wiring, services.get(target), volumes);
            }
        } catch (Substitution.MissingExport e) {
            findings.error(currentPath, e.getMessage(), "wire " + e.key + " to a component that gives it, or fix the catalog");
            return Optional.empty();
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", stack);
        Map<String, Object> ordered = new LinkedHashMap<>();
        services.forEach((name, body) -> ordered.put(name, ServiceOrder.ordered(body)));
        root.put("services", ordered);
        if (!volumes.isEmpty()) {
            root.put("volumes", volumes);
        }
        Map<String, Object> secrets = new TreeMap<>();
        for (Instance instance : instances) {
            for (SecretValue s : values.get(instance.name()).secrets().values()) {
                secrets.put(s.name(), Map.of("external", true));
            }
        }
        if (!secrets.isEmpty()) {
            root.put("secrets", secrets);
        }
        return Optional.of(YamlText.write(root));
    }

    private void contribute(Instance instance, Map<String, Instance> byName, Map<String, Map<String, String>> wiring,
            Map<String, Object> service, Map<String, Object> volumes) {
        Map<String, String> mine = wiring.getOrDefault(instance.name(), Map.of());
        Map<String, Instance> providers = new HashMap<>();
        mine.forEach((key, provider) -> providers.put(key, byName.get(provider)));
        Substitution substitution = new Substitution(stack, instance, values, providers);
        ComposeFragment compose = instance.component().compose();
        currentPath = instance.path();
        add(substitution, compose, service, volumes);
        for (Requirement r : instance.component().requires()) {
            ComposeFragment when = compose.when().get(r.key());
            if (when != null && mine.containsKey(r.key())) {
                currentPath = instance.path("wiring." + r.key());
                add(substitution, when, service, volumes);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void add(Substitution substitution, ComposeFragment fragment, Map<String, Object> service,
            Map<String, Object> volumes) {
        substitution.tree(fragment.service()).ifPresent(body -> Trees.merge(service, (Map<String, Object>) body));
        substitution.tree(fragment.volumes()).ifPresent(v -> Trees.merge(volumes, (Map<String, Object>) v));
    }
}
