package io.coremonitor.engine.internal.convergence;

import io.coremonitor.model.ComposeDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Services in depends_on order (dependencies first); network_mode service:X and the services of volumes_from and links
 * count as dependencies (started, and created, first; a link like depends_on with service_started).
 */
final class DependencyOrder {

    private DependencyOrder() {
    }

    /** The given services, dependencies first, ties by name. */
    static List<String> startOrder(ComposeDefinition definition, Collection<String> services) {
        Set<String> wanted = new TreeSet<>(services);
        List<String> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (String s : wanted) {
            visit(definition, s, wanted, done, new HashSet<>(), order);
        }
        return order;
    }

    /** The given services, dependents first. */
    static List<String> stopOrder(ComposeDefinition definition, Collection<String> services) {
        List<String> order = new ArrayList<>(startOrder(definition, services));
        java.util.Collections.reverse(order);
        return order;
    }

    static Set<String> dependencies(ComposeDefinition definition, String service) {
        Set<String> deps = new TreeSet<>();
        var spec = definition.services().get(service);
        if (spec == null) {
            return deps;
        }
        deps.addAll(spec.lifecycle().dependsOn().keySet());
        deps.addAll(createDependencies(definition, service));
        deps.retainAll(definition.services().keySet());
        return deps;
    }

    /**
     * The services whose container must exist when this service's container is created: network_mode service:X and the
     * services of volumes_from and links (Docker resolves them at create time).
     */
    static Set<String> createDependencies(ComposeDefinition definition, String service) {
        Set<String> deps = new TreeSet<>();
        var spec = definition.services().get(service);
        if (spec == null) {
            return deps;
        }
        spec.networking().sharedService().ifPresent(deps::add);
        deps.addAll(spec.storage().volumesFromServices());
        deps.addAll(spec.networking().linkedServices());
        deps.retainAll(definition.services().keySet());
        return deps;
    }

    private static void visit(ComposeDefinition definition, String s, Set<String> wanted, Set<String> done, Set<String> visiting,
            List<String> order) {
        if (done.contains(s) || !wanted.contains(s)) {
            return;
        }
        if (!visiting.add(s)) {
            throw new IllegalStateException("dependency cycle through service '" + s + "'");
        }
        for (String d : dependencies(definition, s)) {
            visit(definition, d, wanted, done, visiting, order);
        }
        visiting.remove(s);
        done.add(s);
        order.add(s);
    }
}
