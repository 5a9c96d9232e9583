package io.coremonitor.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * When a service starts, how its health is judged, how it restarts and how it stops. No two components share a type,
 * so the compiler keeps them apart.
 *
 * @param dependsOn       dependencies by service name
 * @param healthcheck     health check
 * @param restart         restart policy ({@code restart:} or {@code deploy.restart_policy})
 * @param init            run an init process
 * @param stopSignal      stop signal
 * @param stopGracePeriod time between the stop signal and SIGKILL
 * @param profiles        profiles this service belongs to (empty: always enabled)
 * @param updateOrder     how an APPLY replaces its container ({@code deploy.update_config.order}, default stop-first)
 * @param postStart       hooks run in the container after it starts, in order
 * @param preStop         hooks run in the container before Core Monitor stops it, in order
 */
public record ServiceLifecycle(
        Map<String, DependsOn> dependsOn,
        Optional<HealthCheck> healthcheck,
        Optional<RestartPolicy> restart,
        boolean init,
        Optional<String> stopSignal,
        Optional<Duration> stopGracePeriod,
        List<String> profiles,
        UpdateOrder updateOrder,
        List<ServiceHook> postStart,
        List<ServiceHook> preStop) {

    public ServiceLifecycle {
        dependsOn = ModelCollections.sortedMap(dependsOn);
        Objects.requireNonNull(healthcheck, "healthcheck");
        Objects.requireNonNull(restart, "restart");
        Objects.requireNonNull(stopSignal, "stopSignal");
        Objects.requireNonNull(stopGracePeriod, "stopGracePeriod");
        profiles = ModelCollections.sortedList(profiles);
        Objects.requireNonNull(updateOrder, "updateOrder");
        postStart = List.copyOf(postStart);
        preStop = List.copyOf(preStop);
    }

    /** The same lifecycle with other dependencies. */
    public ServiceLifecycle withDependsOn(Map<String, DependsOn> other) {
        return new ServiceLifecycle(other, healthcheck, restart, init, stopSignal, stopGracePeriod, profiles, updateOrder, postStart,
            preStop);
    }
}
