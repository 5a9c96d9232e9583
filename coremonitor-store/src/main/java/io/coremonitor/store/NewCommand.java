package io.coremonitor.store;

import io.coremonitor.model.CommandType;
import java.util.Objects;

/**
 * A command to enqueue; the store assigns its id (its place in the FIFO), its time, PENDING and attempt 1.
 *
 * @param stackId   the stack it acts on (must exist)
 * @param type      what it does
 * @param payload   its parameters as JSON object text
 * @param createdBy who asked for it
 */
public record NewCommand(String stackId, CommandType type, String payload, String createdBy) {

    public NewCommand {
        Objects.requireNonNull(stackId, "stackId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(createdBy, "createdBy");
    }
}
