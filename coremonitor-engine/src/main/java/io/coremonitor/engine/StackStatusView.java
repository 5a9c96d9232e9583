package io.coremonitor.engine;

import io.coremonitor.model.StackState;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A stack's desired and actual state ({@code GET /stacks/{id}/status}).
 *
 * @param stackId     the stack
 * @param desired     the desired state (RUNNING once a version was applied; STOPPED after a stop action leaves
 *                    nothing running is still RUNNING: desired is the version's)
 * @param actual      RUNNING, DEGRADED, STOPPED, DEPLOYING, FAILED or UNKNOWN
 * @param version     the stack's current version
 * @param lastUpdated when the current version's status last changed
 * @param services    per service of the current version (plus any other container of the stack)
 */
public record StackStatusView(String stackId, StackState desired, StackState actual, Optional<String> version,
        Optional<Instant> lastUpdated, Map<String, ServiceStatusView> services) {

    public StackStatusView {
        Objects.requireNonNull(stackId, "stackId");
        Objects.requireNonNull(desired, "desired");
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(lastUpdated, "lastUpdated");
        services = Map.copyOf(services);
    }
}
