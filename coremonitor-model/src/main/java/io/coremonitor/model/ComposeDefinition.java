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
 * @param secrets  declared secrets by key (where each value comes from), sorted
 * @param configs  declared configs by key (where each content comes from), sorted
 */
public record ComposeDefinition(
        Optional<String> name,
        Map<String, ServiceSpec> services,
        Map<String, NetworkSpec> networks,
        Map<String, VolumeSpec> volumes,
        Map<String, ContentSource> secrets,
        Map<String, ContentSource> configs) {

    public ComposeDefinition {
        Objects.requireNonNull(name, "name");
        services = ModelCollections.sortedMap(services);
        networks = ModelCollections.sortedMap(networks);
        volumes = ModelCollections.sortedMap(volumes);
        secrets = ModelCollections.sortedMap(secrets);
        configs = ModelCollections.sortedMap(configs);
    }

    /** A definition without secrets or configs. */
    public ComposeDefinition(Optional<String> name, Map<String, ServiceSpec> services, Map<String, NetworkSpec> networks,
            Map<String, VolumeSpec> volumes) {
        this(name, services, networks, volumes, Map.of(), Map.of());
    }

    /** The service, if defined. */
    public Optional<ServiceSpec> service(String serviceName) {
        return Optional.ofNullable(services.get(serviceName));
    }
}
