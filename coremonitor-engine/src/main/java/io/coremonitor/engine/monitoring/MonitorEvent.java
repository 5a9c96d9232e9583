package io.coremonitor.engine.monitoring;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An event of the monitoring, published to {@link MonitorListener}s (the server streams them on {@code /events}).
 *
 * @param type        what happened
 * @param stackId     the stack
 * @param service     the service, when the event concerns one
 * @param containerId the container, when known
 * @param action      Docker's action ({@code die}, {@code kill}, {@code health_status: unhealthy}, ...), {@code drift}
 *                    or {@code apply} (self-heal)
 * @param reason      a human-readable explanation
 * @param time        when Core Monitor saw it
 */
public record MonitorEvent(Type type, String stackId, Optional<String> service, Optional<String> containerId, String action,
        String reason, Instant time) {

    /** The kinds of monitoring event. */
    public enum Type {
        /** A managed container changed state (any event of Docker's stream for a managed container). */
        CONTAINER_EVENT,
        /** A stack's containers no longer match its current version, and no command of Core Monitor did it. */
        DRIFT_DETECTED,
        /** Self-heal queued an APPLY of the stack's current version. */
        SELF_HEAL_QUEUED
    }

    public MonitorEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(stackId, "stackId");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(containerId, "containerId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(time, "time");
    }
}
