package io.coremonitor.model;

import java.util.List;
import java.util.Map;

/**
 * The Docker objects a version was converged to: logical name to Docker id.
 *
 * @param networks   network name in the definition to Docker network id
 * @param volumes    volume name in the definition to Docker volume name
 * @param containers service name to container id
 * @param profiles   the compose profiles the convergence activated (sorted; empty: none, and for a mapping recorded
 *                   before profiles could be activated)
 */
public record RuntimeMapping(Map<String, String> networks, Map<String, String> volumes, Map<String, String> containers,
        List<String> profiles) {

    public RuntimeMapping {
        networks = Map.copyOf(networks);
        volumes = Map.copyOf(volumes);
        containers = Map.copyOf(containers);
        profiles = profiles == null ? List.of() : ModelCollections.sortedList(profiles);
    }

    /** A mapping without active profiles. */
    public RuntimeMapping(Map<String, String> networks, Map<String, String> volumes, Map<String, String> containers) {
        this(networks, volumes, containers, List.of());
    }

    /** The same mapping, with these profiles active. */
    public RuntimeMapping withProfiles(List<String> active) {
        return new RuntimeMapping(networks, volumes, containers, active);
    }
}
