package io.coremonitor.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated compose definition: what a stack version runs. Build it with {@link ComposeLoader}; turn it into its
 * stored form with {@link CanonicalJson}.
 *
 * @param name     the top-level {@code name:} (compose project name), when given
 * @param services services by name (at least one), sorted
 * @param networks declared networks by key, sorted
 * @param volumes  declared named volumes by key, sorted
 */
public record ComposeDefinition(
        Optional<String> name,
        Map<String, ServiceSpec> services,
        Map<String, NetworkSpec> networks,
        Map<String, VolumeSpec> volumes) {

    public ComposeDefinition {
        Objects.requireNonNull(name, "name");
        services = ModelCollections.sortedMap(services);
        networks = ModelCollections.sortedMap(networks);
        volumes = ModelCollections.sortedMap(volumes);
    }

    /** The service, if defined. */
    public Optional<ServiceSpec> service(String serviceName) {
        return Optional.ofNullable(services.get(serviceName));
    }
}
