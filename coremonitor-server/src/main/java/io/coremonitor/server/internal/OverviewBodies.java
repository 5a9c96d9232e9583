package io.coremonitor.server.internal;

import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.CommandType;
import io.coremonitor.model.StackState;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The answer of {@code GET /overview}: a page of stacks as the console's dashboard shows them. */
final class OverviewBodies {

    private OverviewBodies() {
    }

    /**
     * A stack with its stored status, the drift seen and its newest command (no Docker call).
     *
     * @param status      the stored status of its current or latest version (the one recorded last); null before any
     *                    command converged one of them
     * @param drift       the drift the monitoring last saw on it; null when none
     * @param lastCommand its newest command, whatever its status; null when none
     */
    record OverviewItemView(String stackId, String name, Optional<String> currentVersion, Optional<String> latestVersion,
            Instant updatedAt, Optional<Instant> deletedAt, Optional<OverviewStatusView> status,
            Optional<DriftView> drift, Optional<LastCommandView> lastCommand) {
    }

    /** The stored desired and actual state of one version of the stack ({@code version}). */
    record OverviewStatusView(String version, StackState desired, StackState actual, Instant lastUpdated,
            Optional<String> reason) {
    }

    /** The drifted services, by name, with why, and when the check that saw them ran. */
    record DriftView(Map<String, String> services, Instant seenAt) {
    }

    /** A stack's newest command, without its payload and log. */
    record LastCommandView(long commandId, CommandType type, CommandStatus status, int attempt, Instant createdAt,
            Optional<Instant> startedAt, Optional<Instant> endedAt, Optional<String> error) {
    }
}
