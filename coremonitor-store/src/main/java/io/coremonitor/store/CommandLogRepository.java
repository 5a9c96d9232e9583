package io.coremonitor.store;

import io.coremonitor.model.CommandLogLine;
import io.coremonitor.model.LogLevel;
import java.util.List;

/** The ordered log lines of each command (line numbers 1, 2, ... per command). */
public interface CommandLogRepository {

    /**
     * Appends a line stamped with the store's clock.
     *
     * @throws io.coremonitor.model.CommandNotFoundException when there is no such command
     */
    CommandLogLine append(long commandId, LogLevel level, String message);

    /** Every line of a command, in order. */
    default List<CommandLogLine> read(long commandId) {
        return readAfter(commandId, 0, Integer.MAX_VALUE);
    }

    /** The lines after line {@code afterLine} (0 for all), in order, at most {@code max}: for following a log. */
    List<CommandLogLine> readAfter(long commandId, long afterLine, int max);
}
