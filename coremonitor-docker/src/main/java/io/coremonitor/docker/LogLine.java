package io.coremonitor.docker;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of a container's log.
 *
 * @param stream    {@code stdout} or {@code stderr} (a TTY container's output is {@code stdout})
 * @param timestamp when Docker received it (from {@code --timestamps}); empty when the prefix did not parse
 * @param text      the line without its end ({@code \n} or {@code \r\n})
 */
public record LogLine(String stream, Optional<Instant> timestamp, String text) {

    public static final String STDOUT = "stdout";
    public static final String STDERR = "stderr";

    public LogLine {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(text, "text");
    }
}
