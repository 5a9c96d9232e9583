package io.coremonitor.engine.catalog.internal;

import io.coremonitor.engine.catalog.Capability;
import io.coremonitor.engine.catalog.Catalog;
import io.coremonitor.engine.catalog.ComponentChoice;
import io.coremonitor.engine.catalog.Requirement;
import io.coremonitor.engine.catalog.Wire;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Resolves every requirement of every instance to a provider: the explicit wiring of the choices, checked, or the one
 * instance that fits; refuses what cannot be resolved (no provider, several, a wrong kind or version) with the fix.
 */
public final class WiringResolver {

    private final Catalog catalog;
    private final Findings findings;

    public WiringResolver(Catalog catalog, Findings findings) {
        this.catalog = catalog;
        this.findings = findings;
    }

    /** The wires, sorted by instance and key. */
    public List<Wire> resolve(List<Instance> instances) {
        List<Wire> wires = new ArrayList<>();
        for (Instance instance : instances) {
            for (String key : new TreeSet<>(instance.choice().wiring().keySet())) {
                if (instance.component().requirement(key).isEmpty()) {
                    List<String> keys = instance.component().requires().stream().map(Requirement::key).toList();
                    findings.error(instance.path("wiring." + key), instance.label() + " has no requirement '" + key + "'",
                        keys.isEmpty() ? "remove it: " + instance.component().title() + " needs nothing"
                            : "remove it, or use one of: " + String.join(", ", keys), keys);
                }
            }
            for (Requirement r : instance.component().requires()) {
                resolve(instance, r, instances).ifPresent(wires::add);
            }
        }
        wires.sort(Comparator.comparing(Wire::instance).thenComparing(Wire::key));
        new WiringGraph(findings).check(instances, wires);
        return wires;
    }

    private Optional<Wire> resolve(Instance instance, Requirement r, List<Instance> instances) {
        String path = instance.path("wiring." + r.key());
        List<Instance> fitting = instances.stream().filter(o -> o != instance && fits(o, r)).toList();
        List<String> fittingNames = fitting.stream().map(Instance::name).toList();
        String explicit = instance.choice().wiring().get(r.key());
        if (explicit != null) {
            return explicit(instance, r, explicit, fitting, instances);
        }
        if (fitting.size() == 1) {
            return Optional.of(new Wire(instance.name(), r.key(), fitting.get(0).name(), true));
        }
        String needs = instance.label() + " needs " + r.wanted() + " (" + r.key() + describe(r) + ")";
        if (fitting.size() > 1) {
            String message = needs + " and several chosen components provide it: " + labels(fitting);
            String fix = "choose one of them in wiring." + r.key() + ": " + String.join(", ", fittingNames);
            if (r.optional()) {
                findings.warning(path, message + "; it is left unwired", fix + " (or leave it empty)", fittingNames);
            } else {
                findings.error(path, message, fix, fittingNames);
            }
            return Optional.empty();
        }
        if (r.optional()) {
            return Optional.empty();
        }
        List<Instance> nearMisses = instances.stream().filter(o -> o != instance && sameKind(o, r)).toList();
        if (!nearMisses.isEmpty()) {
            Instance miss = nearMisses.get(0);
            incompatible(miss.path("version"), instance, r, miss);
            return Optional.empty();
        }
        List<String> ids = catalog.components().stream()
            .filter(c -> c.versions().stream().anyMatch(v -> c.provides(v).stream().anyMatch(r::fits)))
            .map(c -> c.id()).toList();
        findings.error(path, needs + " and no chosen component provides it",
            ids.isEmpty() ? "no component of the catalog provides it: add one to the catalog"
                : "add one of: " + String.join(", ", catalog.fittingVersions(r)), ids);
        return Optional.empty();
    }

    private Optional<Wire> explicit(Instance instance, Requirement r, String target, List<Instance> fitting,
            List<Instance> instances) {
        String path = instance.path("wiring." + r.key());
        List<String> fittingNames = fitting.stream().map(Instance::name).toList();
        String choose = fitting.isEmpty() ? "add one of: " + String.join(", ", catalog.fittingVersions(r))
            : "wire it to " + String.join(" or ", fittingNames);
        if (target.equals(ComponentChoice.NOT_WIRED)) {
            if (!r.optional()) {
                findings.error(path, instance.label() + " needs " + r.wanted() + " (" + r.key() + "): it cannot be left unwired",
                    choose, fittingNames);
            }
            return Optional.empty();
        }
        Optional<Instance> provider = instances.stream().filter(o -> o.name().equals(target)).findFirst();
        if (provider.isEmpty()) {
            findings.error(path, instance.label() + "'s " + r.key() + " is wired to '" + target
                + "', which is not a chosen component", choose, fittingNames);
            return Optional.empty();
        }
        Instance p = provider.get();
        if (p == instance) {
            findings.error(path, instance.label() + "'s " + r.key() + " is wired to itself", choose, fittingNames);
            return Optional.empty();
        }
        if (fits(p, r)) {
            return Optional.of(new Wire(instance.name(), r.key(), p.name(), false));
        }
        if (sameKind(p, r)) {
            incompatible(path, instance, r, p);
        } else {
            findings.error(path, p.label() + " does not provide " + r.wanted() + ", which " + instance.label() + " needs ("
                + r.key() + "); it provides " + capabilities(p), choose, fittingNames);
        }
        return Optional.empty();
    }

    private void incompatible(String path, Instance instance, Requirement r, Instance provider) {
        String family = Capability.parse(r.capability()).family();
        String provided = provider.provides().stream().filter(c -> c.family().equals(family)).map(Capability::toString)
            .collect(Collectors.joining(", "));
        List<String> versions = catalog.fittingVersions(r);
        findings.error(path, provider.label() + " provides " + provided + "; " + instance.label() + " needs " + r.wanted()
            + " (" + r.key() + ")", versions.isEmpty() ? "no component of the catalog provides " + r.wanted()
                : "choose " + String.join(" or ", versions), versions);
    }

    static boolean fits(Instance provider, Requirement r) {
        return provider.provides().stream().anyMatch(r::fits);
    }

    /** Whether {@code provider} has a capability of the requirement's family, though not one that fits. */
    private static boolean sameKind(Instance provider, Requirement r) {
        String family = Capability.parse(r.capability()).family();
        return provider.provides().stream().anyMatch(c -> c.family().equals(family));
    }

    private static String describe(Requirement r) {
        return r.description().isEmpty() ? "" : ": " + r.description();
    }

    private static String labels(List<Instance> instances) {
        return instances.stream().map(Instance::label).collect(Collectors.joining(", "));
    }

    private static String capabilities(Instance p) {
        List<Capability> provides = p.provides();
        return provides.isEmpty() ? "nothing" : provides.stream().map(Capability::toString).collect(Collectors.joining(", "));
    }

    /** The providers of each instance: instance name to requirement key to provider name. */
    public static Map<String, Map<String, String>> byInstance(List<Wire> wires) {
        Map<String, Map<String, String>> map = new HashMap<>();
        for (Wire w : wires) {
            map.computeIfAbsent(w.instance(), k -> new HashMap<>()).put(w.key(), w.provider());
        }
        return map;
    }
}
