package io.coremonitor.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life cycle of a command. Legal moves: PENDING to RUNNING or CANCELLED; RUNNING to DONE, FAILED or CANCELLED
 * (cooperative); FAILED to PENDING (retry) or CANCELLED. DONE and CANCELLED are final.
 */
public enum CommandStatus {
    PENDING,
    RUNNING,
    DONE,
    FAILED,
    CANCELLED;

    /** The statuses this one may move to. */
    public Set<CommandStatus> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(RUNNING, CANCELLED);
            case RUNNING -> EnumSet.of(DONE, FAILED, CANCELLED);
            case FAILED -> EnumSet.of(PENDING, CANCELLED);
            case DONE, CANCELLED -> EnumSet.noneOf(CommandStatus.class);
        };
    }

    public boolean canMoveTo(CommandStatus target) {
        return next().contains(target);
    }

    /** A status no command ever leaves. */
    public boolean isFinal() {
        return next().isEmpty();
    }

    /** Refuses an illegal move with an {@link IllegalTransitionException}. */
    public void checkMoveTo(CommandStatus target, long commandId) {
        if (!canMoveTo(target)) {
            throw new IllegalTransitionException(commandId, this, target);
        }
    }
}
