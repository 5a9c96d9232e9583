package io.coremonitor.model;

import java.util.Map;

/**
 * The Docker objects a version was converged to: logical name to Docker id.
 *
 * @param networks   network name in the definition to Docker network id
 * @param volumes    volume name in the definition to Docker volume name
 * @param containers service name to container id
 */
public record RuntimeMapping(Map<String, String> networks, Map<String, String> volumes, Map<String, String> containers) {

    public RuntimeMapping {
        networks = Map.copyOf(networks);
        volumes = Map.copyOf(volumes);
        containers = Map.copyOf(containers);
    }
}
