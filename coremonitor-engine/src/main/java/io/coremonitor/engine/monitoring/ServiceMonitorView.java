package io.coremonitor.engine.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The live state of one service.
 *
 * @param service      the service
 * @param state        Docker's state ({@code running}, {@code exited}, ...) or {@code missing}
 * @param health       healthy, unhealthy or starting, with a health check
 * @param containerId  the container
 * @param version      the version the container runs (label {@code coremonitor.version})
 * @param startedAt    when it was last started (from inspect, exact)
 * @param uptime       how long it has been running (empty when not running)
 * @param restartCount Docker's restart count (restarts by its restart policy)
 * @param exitCode     the exit code of the last run when it is not running
 * @param drift        why the service does not match the stack's current version, when it does not
 */
public record ServiceMonitorView(String service, String state, Optional<String> health, Optional<String> containerId,
        Optional<String> version, Optional<Instant> startedAt, Optional<Duration> uptime, Optional<Integer> restartCount,
        Optional<Integer> exitCode, Optional<String> drift) {

    public ServiceMonitorView {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(containerId, "containerId");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(uptime, "uptime");
        Objects.requireNonNull(restartCount, "restartCount");
        Objects.requireNonNull(exitCode, "exitCode");
        Objects.requireNonNull(drift, "drift");
    }
}
