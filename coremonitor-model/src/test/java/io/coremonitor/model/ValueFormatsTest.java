package io.coremonitor.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueFormatsTest {

    @ParameterizedTest
    @CsvSource({
        "10s, 10000000000, 10s",
        "1m30s, 90000000000, 1m30s",
        "90s, 90000000000, 1m30s",
        "1h, 3600000000000, 1h",
        "1h0m1s, 3601000000000, 1h1s",
        "500ms, 500000000, 500ms",
        "2us, 2000, 2us",
        "2µs, 2000, 2us",
        "7ns, 7, 7ns",
        "1.5s, 1500000000, 1.5s",
        "1.5h, 5400000000000, 1h30m",
        "0, 0, 0s",
        "0s, 0, 0s",
        "1m0.25s, 60250000000, 1m0.25s"})
    void durations(String text, long nanos, String normalized) {
        Optional<Duration> d = Durations.parse(text);
        assertThat(d).contains(Duration.ofNanos(nanos));
        assertThat(Durations.format(d.orElseThrow())).isEqualTo(normalized);
        assertThat(Durations.parse(normalized)).isEqualTo(d);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "s", "1x", "-1s", "1 s", "1m 30s", "ten seconds", "1d"})
    void notDurations(String text) {
        assertThat(Durations.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "7d, 604800",
        "1d12h, 129600",
        "1m30s, 90",
        "12h, 43200",
        "2h45m, 9900"})
    void durationsWithDays(String text, long seconds) {
        assertThat(Durations.parseWithDays(text)).contains(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "7", "d", "1 d", "-1d", "1w", "7days"})
    void notDurationsWithDays(String text) {
        assertThat(Durations.parseWithDays(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "1024, 1024",
        "1b, 1",
        "1k, 1024",
        "1kb, 1024",
        "1KiB, 1024",
        "512m, 536870912",
        "512M, 536870912",
        "1g, 1073741824",
        "1.5gb, 1610612736",
        "2t, 2199023255552",
        "-1, -1"})
    void sizes(String text, long bytes) {
        assertThat(ByteSize.parse(text)).contains(new ByteSize(bytes));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "m", "1x", "1.2.3m", "-2", "lots", "1 gigabyte", "99999999999999999999"})
    void notSizes(String text) {
        assertThat(ByteSize.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"no, no", "always, always", "on-failure, on-failure", "on-failure:5, on-failure:5", "unless-stopped, unless-stopped"})
    void restartPolicies(String text, String normalized) {
        assertThat(RestartPolicy.parse(text).orElseThrow().toString()).isEqualTo(normalized);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "never", "always:3", "on-failure:", "on-failure:x", "On-Failure"})
    void notRestartPolicies(String text) {
        assertThat(RestartPolicy.parse(text)).isEmpty();
    }
}
