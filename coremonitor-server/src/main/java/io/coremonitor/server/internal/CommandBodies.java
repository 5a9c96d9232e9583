package io.coremonitor.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.coremonitor.engine.CrashPolicy;
import io.coremonitor.engine.FailurePolicy;
import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.CommandType;
import io.coremonitor.model.LogLevel;
import java.time.Instant;
import java.util.Optional;

/** The answers about commands and the queue. */
final class CommandBodies {

    private CommandBodies() {
    }

    /** A command of the queue. */
    record CommandView(long commandId, String stackId, CommandType type, JsonNode payload, CommandStatus status, int attempt,
            Instant createdAt, Optional<Instant> startedAt, Optional<Instant> endedAt, String createdBy,
            Optional<String> error) {
    }

    /** One line of a command's log. */
    record LogLineView(long line, Instant timestamp, LogLevel level, String message) {
    }

    /** The queue at a glance. */
    record QueueView(Optional<CommandView> running, long pending, Optional<Long> haltedBy, Optional<String> haltReason,
            FailurePolicy onFailure, CrashPolicy onCrash, int maxAttempts, boolean workerRunning,
            Optional<String> leaseOwner, Optional<String> waitingFor) {
    }
}
