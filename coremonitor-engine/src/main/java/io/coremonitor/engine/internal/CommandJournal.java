package io.coremonitor.engine.internal;

import io.coremonitor.model.Command;
import io.coremonitor.model.LogLevel;
import io.coremonitor.store.Store;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the queue worker tells about a command: a status change (the transition log line and the listeners) and a
 * line in its command log (best effort: a store that fails to take it is logged, not thrown).
 */
final class CommandJournal {

    private static final Logger LOG = LoggerFactory.getLogger(CommandJournal.class);

    private final Store store;
    private final Listeners listeners;
    private final String owner;

    CommandJournal(Store store, Listeners listeners, String owner) {
        this.store = store;
        this.listeners = listeners;
        this.owner = owner;
    }

    /** A status change made by this worker: logged as a transition, then published to the listeners. */
    void transitioned(Command before, Command after, Optional<Long> millis) {
        Transitions.log(Optional.of(before), after, millis, owner);
        listeners.onStatusChange(Optional.of(before), after);
    }

    /** Appends a line to the command's log; a failure to do so is logged and swallowed. */
    void note(long commandId, LogLevel level, String message) {
        try {
            store.commandLogs().append(commandId, level, message);
        } catch (RuntimeException e) {
            LOG.warn("command {}: could not append a log line ({}): {}", commandId, message, e.toString());
        }
    }
}
