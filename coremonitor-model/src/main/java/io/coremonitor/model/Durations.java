package io.coremonitor.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration grammar of Core Monitor: durations written like Go's {@code time.ParseDuration} (as compose does),
 * a sequence of decimal numbers each with a unit {@code ns}, {@code us} ({@code µs}), {@code ms}, {@code s}, {@code m},
 * {@code h}: {@code 1m30s}, {@code 10s}, {@code 1h}, {@code 2h45m}, {@code 500ms}, {@code 1.5s}, {@code 0s} (and a bare
 * {@code 0}). Compose files use {@link #parse}; settings that count in days (the server's {@code --stats-retention})
 * use {@link #parseWithDays}, the same grammar with one more unit, {@code d} (24 h): {@code 7d}, {@code 1d12h}.
 */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");
    private static final Pattern PART_WITH_DAYS = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h|d)");

    private Durations() {
    }

    /** Empty when the text is not a Go duration. Negative durations are refused. */
    public static Optional<Duration> parse(String text) {
        return parse(text, PART);
    }

    /** As {@link #parse}, also accepting the unit {@code d} (24 hours): {@code 7d}, {@code 1d12h}. */
    public static Optional<Duration> parseWithDays(String text) {
        return parse(text, PART_WITH_DAYS);
    }

    private static Optional<Duration> parse(String text, Pattern part) {
        String t = text.trim();
        if ("0".equals(t)) {
            return Optional.of(Duration.ZERO);
        }
        if (t.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = part.matcher(t);
        int pos = 0;
        BigDecimal nanos = BigDecimal.ZERO;
        while (pos < t.length()) {
            if (!m.find(pos) || m.start() != pos) {
                return Optional.empty();
            }
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitNanos(m.group(2)))));
            pos = m.end();
        }
        try {
            return Optional.of(Duration.ofNanos(nanos.setScale(0, java.math.RoundingMode.DOWN).longValueExact()));
        } catch (ArithmeticException tooLong) {
            return Optional.empty();
        }
    }

    private static long unitNanos(String unit) {
        switch (unit) {
            case "ns":
                return 1L;
            case "us":
            case "µs":
            case "μs":
                return 1_000L;
            case "ms":
                return 1_000_000L;
            case "s":
                return 1_000_000_000L;
            case "m":
                return 60_000_000_000L;
            case "h":
                return 3_600_000_000_000L;
            default:
                return 86_400_000_000_000L;
        }
    }

    /** The normalized form: {@code 1h2m3.5s}, {@code 1m30s}, {@code 500ms}, {@code 2us}, {@code 0s}. */
    public static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        if (nanos < 1_000_000_000L) {
            if (nanos % 1_000_000L == 0) {
                return nanos / 1_000_000L + "ms";
            }
            if (nanos % 1_000L == 0) {
                return nanos / 1_000L + "us";
            }
            return nanos + "ns";
        }
        StringBuilder out = new StringBuilder();
        long hours = nanos / 3_600_000_000_000L;
        long rest = nanos % 3_600_000_000_000L;
        long minutes = rest / 60_000_000_000L;
        rest = rest % 60_000_000_000L;
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (minutes > 0) {
            out.append(minutes).append('m');
        }
        if (rest > 0) {
            out.append(new BigDecimal(rest).movePointLeft(9).stripTrailingZeros().toPlainString()).append('s');
        }
        return out.toString();
    }
}
