package io.coremonitor.store;

import io.coremonitor.model.Command;
import java.util.Objects;
import java.util.Optional;

/**
 * The queue as one statement saw it: the RUNNING command, how many are PENDING and the head of the queue (the oldest
 * unfinished command), all from the same snapshot. Read separately, a command claimed between two reads showed up
 * in neither (nothing running, nothing pending while it ran).
 *
 * @param running the RUNNING command, if any
 * @param pending how many commands are PENDING
 * @param head    the oldest command that is not DONE or CANCELLED, if any
 */
public record QueueSnapshot(Optional<Command> running, long pending, Optional<Command> head) {

    public QueueSnapshot {
        Objects.requireNonNull(running, "running");
        Objects.requireNonNull(head, "head");
    }

    /** Nothing running and nothing pending. */
    public boolean drained() {
        return running.isEmpty() && pending == 0;
    }
}
