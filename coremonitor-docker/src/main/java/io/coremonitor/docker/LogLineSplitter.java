package io.coremonitor.docker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Turns the payloads of Docker's multiplexed log frames into lines. One splitter per stream (stdout, stderr): a frame
 * may hold several lines or part of one; a partial line is kept until the frame that ends it (or {@link #flush}).
 * {@code \r\n} and {@code \n} both end a line. Bytes are decoded as UTF-8 per complete line, so a character cut
 * between two frames is decoded whole. With timestamps on, each line starts with an RFC 3339 time and a space.
 * Not thread-safe (one per stream and follower).
 */
public final class LogLineSplitter {

    private final String stream;
    private final boolean timestamps;
    private final Consumer<LogLine> sink;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    public LogLineSplitter(String stream, boolean timestamps, Consumer<LogLine> sink) {
        this.stream = stream;
        this.timestamps = timestamps;
        this.sink = sink;
    }

    /** Feeds one frame's payload; emits every line it completes. */
    public void accept(byte[] payload) {
        int start = 0;
        for (int i = 0; i < payload.length; i++) {
            if (payload[i] == '\n') {
                pending.write(payload, start, i - start);
                emit();
                start = i + 1;
            }
        }
        pending.write(payload, start, payload.length - start);
    }

    /** Emits what remains of an unterminated last line, if anything. */
    public void flush() {
        if (pending.size() > 0) {
            emit();
        }
    }

    private void emit() {
        byte[] bytes = pending.toByteArray();
        pending.reset();
        int end = bytes.length;
        if (end > 0 && bytes[end - 1] == '\r') {
            end--;
        }
        String line = new String(bytes, 0, end, StandardCharsets.UTF_8);
        sink.accept(parse(line));
    }

    private LogLine parse(String line) {
        if (!timestamps) {
            return new LogLine(stream, Optional.empty(), line);
        }
        int space = line.indexOf(' ');
        String head = space < 0 ? line : line.substring(0, space);
        try {
            Instant at = Instant.parse(head);
            return new LogLine(stream, Optional.of(at), space < 0 ? "" : line.substring(space + 1));
        } catch (DateTimeParseException e) {
            return new LogLine(stream, Optional.empty(), line);
        }
    }
}
