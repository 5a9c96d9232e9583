package io.coremonitor.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One service of a definition, every compose key typed and grouped by concern. Each part has its own type, so the
 * compiler catches two parts given in the wrong place; inside the parts, components that share a type are set through
 * named builder setters. Collections are never null (empty when absent); set-like lists (ports, expose, volumes,
 * cap_add, ...) are sorted so that equal meanings give equal records; order-significant lists (command, entrypoint, dns,
 * dns_search, healthcheck test) keep their order. Components are named after the compose keys.
 *
 * @param process    image, command, environment and how the process runs
 * @param networking ports, networks, names and DNS
 * @param storage    volumes and tmpfs mounts
 * @param resources  limits, reservations, ulimits, devices, sysctls, OOM settings
 * @param security   user, capabilities, privileges, namespaces
 * @param lifecycle  dependencies, health check, restart, init, stop, profiles
 * @param metadata   container name, labels, annotations, logging, attach
 * @param deploy     where application artifacts are deployed into it ({@code x-coremonitor-deploy}), when it takes them
 */
public record ServiceSpec(
        ServiceProcess process,
        ServiceNetworking networking,
        ServiceStorage storage,
        ServiceResources resources,
        ServiceSecurity security,
        ServiceLifecycle lifecycle,
        ServiceMetadata metadata,
        Optional<DeploySettings> deploy) {

    public ServiceSpec {
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(networking, "networking");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(lifecycle, "lifecycle");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(deploy, "deploy");
    }
}
