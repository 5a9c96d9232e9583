package io.coremonitor.engine;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The observed state of one service.
 *
 * @param state       Docker's state: created, running, exited, restarting, paused, dead; {@code missing} without a
 *                    container
 * @param health      healthy, unhealthy, starting, when the container has a health check
 * @param containerId the container
 * @param startedAt   when the container was last started (from the list call's status text, to the second)
 */
public record ServiceStatusView(String state, Optional<String> health, Optional<String> containerId, Optional<Instant> startedAt) {

    public ServiceStatusView {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(containerId, "containerId");
        Objects.requireNonNull(startedAt, "startedAt");
    }
}
