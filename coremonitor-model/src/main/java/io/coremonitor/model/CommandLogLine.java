package io.coremonitor.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of a command's log.
 *
 * @param commandId the command
 * @param lineNo    1, 2, ... in the order the lines were written, per command
 * @param timestamp when it was written
 * @param level     its level
 * @param message   the text
 */
public record CommandLogLine(long commandId, long lineNo, Instant timestamp, LogLevel level, String message) {

    public CommandLogLine {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(message, "message");
    }
}
