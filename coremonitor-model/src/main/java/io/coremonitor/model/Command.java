package io.coremonitor.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A persisted WRITE command.
 *
 * @param commandId position in the single FIFO queue (ascending = enqueue order)
 * @param stackId   the stack it acts on
 * @param type      what it does
 * @param payload   its parameters as a JSON object text (for example {@code {"version":"v2"}})
 * @param status    where it is in its life cycle
 * @param attempt   1 for the first run, +1 for each retry
 * @param createdAt when it was enqueued
 * @param startedAt when its current attempt started
 * @param endedAt   when it reached DONE, FAILED or CANCELLED
 * @param createdBy who asked for it
 * @param error     why it failed or was cancelled
 */
public record Command(
        long commandId,
        String stackId,
        CommandType type,
        String payload,
        CommandStatus status,
        int attempt,
        Instant createdAt,
        Optional<Instant> startedAt,
        Optional<Instant> endedAt,
        String createdBy,
        Optional<String> error) {

    public Command {
        Objects.requireNonNull(stackId, "stackId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(error, "error");
    }
}
