package io.coremonitor.engine;

import io.coremonitor.model.Command;
import java.util.Optional;

/**
 * Hears every status change of a command made by this engine (enqueue, start, end, cancel, retry, crash
 * recovery). Called on the thread that made the change, after it is persisted; keep it short. An exception thrown by
 * a listener is logged and never breaks the worker or the caller.
 */
@FunctionalInterface
public interface CommandListener {

    /**
     * @param before the command before the change; empty when it was just enqueued
     * @param after  the command after the change
     */
    void onStatusChange(Optional<Command> before, Command after);
}
