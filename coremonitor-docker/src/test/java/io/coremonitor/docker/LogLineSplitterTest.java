package io.coremonitor.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LogLineSplitterTest {

    private final List<LogLine> lines = new ArrayList<>();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void joinsPartialLinesAcrossFramesAndHandlesCrLf() {
        LogLineSplitter s = new LogLineSplitter(LogLine.STDERR, true, lines::add);
        s.accept(bytes("2026-11-24T03:00:00.123456789Z hel"));
        assertThat(lines).isEmpty();
        s.accept(bytes("lo\r\n2026-11-24T03:00:01Z second\n2026-11-24T03:00:02Z th"));
        s.accept(bytes("ird"));
        s.flush();
        assertThat(lines).containsExactly(
            new LogLine("stderr", Optional.of(Instant.parse("2026-11-24T03:00:00.123456789Z")), "hello"),
            new LogLine("stderr", Optional.of(Instant.parse("2026-11-24T03:00:01Z")), "second"),
            new LogLine("stderr", Optional.of(Instant.parse("2026-11-24T03:00:02Z")), "third"));
    }

    @Test
    void aCharacterCutBetweenFramesIsDecodedWhole() {
        LogLineSplitter s = new LogLineSplitter(LogLine.STDOUT, false, lines::add);
        byte[] e = bytes("caf\u00e9\n");
        s.accept(Arrays.copyOfRange(e, 0, 4));
        s.accept(Arrays.copyOfRange(e, 4, e.length));
        assertThat(lines).containsExactly(new LogLine("stdout", Optional.empty(), "caf\u00e9"));
    }

    @Test
    void aLineWithoutTimestampKeepsItsText() {
        LogLineSplitter s = new LogLineSplitter(LogLine.STDOUT, true, lines::add);
        s.accept(bytes("no time here\n\n"));
        assertThat(lines).extracting(LogLine::text).containsExactly("no time here", "");
        assertThat(lines.get(0).timestamp()).isEmpty();
    }
}
