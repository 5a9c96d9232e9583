package io.coremonitor.engine.catalog.internal;

import io.coremonitor.engine.catalog.Wire;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the resolved wiring as a whole: no cycle (a needs b needs a), and a service receives at most one component
 * merged into it (a servlet container holds one application).
 */
final class WiringGraph {

    private final Findings findings;

    WiringGraph(Findings findings) {
        this.findings = findings;
    }

    void check(List<Instance> instances, List<Wire> wires) {
        Map<String, Instance> byName = new HashMap<>();
        instances.forEach(i -> byName.put(i.name(), i));
        Map<String, Instance> receivers = new HashMap<>();
        for (Instance instance : instances) {
            Optional<String> into = instance.component().compose().into();
            if (into.isEmpty()) {
                continue;
            }
            Optional<Wire> wire = wires.stream().filter(w -> w.instance().equals(instance.name()) && w.key().equals(into.get()))
                .findFirst();
            if (wire.isEmpty()) {
                continue;
            }
            Instance before = receivers.putIfAbsent(wire.get().provider(), instance);
            if (before != null) {
                Instance target = byName.get(wire.get().provider());
                findings.error(instance.path("wiring." + into.get()), target.label() + " already receives " + before.label()
                    + "; it holds one " + instance.component().title(),
                    "add another component for " + instance.label() + " to be deployed into, and wire " + into.get() + " to it");
            }
        }
        cycles(instances, wires, byName);
    }

    private void cycles(List<Instance> instances, List<Wire> wires, Map<String, Instance> byName) {
        Map<String, List<Wire>> out = new HashMap<>();
        wires.forEach(w -> out.computeIfAbsent(w.instance(), k -> new ArrayList<>()).add(w));
        Set<String> done = new HashSet<>();
        for (Instance start : instances) {
            visit(start.name(), new ArrayList<>(), out, done, byName);
        }
    }

    private void visit(String name, List<String> trail, Map<String, List<Wire>> out, Set<String> done,
            Map<String, Instance> byName) {
        if (done.contains(name)) {
            return;
        }
        trail.add(name);
        for (Wire w : out.getOrDefault(name, List.of())) {
            int loop = trail.indexOf(w.provider());
            if (loop >= 0) {
                List<String> cycle = new ArrayList<>(trail.subList(loop, trail.size()));
                cycle.add(w.provider());
                findings.error(byName.get(w.instance()).path("wiring." + w.key()), "the wiring makes a cycle: "
                    + String.join(" -> ", cycle), "wire " + w.key() + " of " + w.instance() + " to another component");
            } else {
                visit(w.provider(), trail, out, done, byName);
            }
        }
        trail.remove(trail.size() - 1);
        done.add(name);
    }
}
