package io.coremonitor.model;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A size in bytes, written in compose files as {@code 1024}, {@code 512m}, {@code 1g}, {@code 1.5gb}, {@code 64kb}
 * (units b, k, m, g, t, p with an optional {@code b}, powers of 1024, case-insensitive).
 * {@code -1} is only meaningful where compose allows it ({@code memswap_limit}: unlimited).
 *
 * @param bytes the size
 */
public record ByteSize(long bytes) {

    private static final Pattern FORMAT = Pattern.compile("^(\\d+(?:\\.\\d+)?) ?([kmgtp])?(?:i?b)?$", Pattern.CASE_INSENSITIVE);

    public ByteSize {
        if (bytes < -1) {
            throw new IllegalArgumentException("a size is >= 0 (or -1 for unlimited), got " + bytes);
        }
    }

    /** True for {@code -1}. */
    public boolean unlimited() {
        return bytes == -1;
    }

    /** Parses the compose form; empty when the text is not a size. */
    public static Optional<ByteSize> parse(String text) {
        String t = text.trim();
        if ("-1".equals(t)) {
            return Optional.of(new ByteSize(-1));
        }
        Matcher m = FORMAT.matcher(t);
        if (!m.matches()) {
            return Optional.empty();
        }
        int power = m.group(2) == null ? 0 : "kmgtp".indexOf(m.group(2).toLowerCase(Locale.ROOT)) + 1;
        BigDecimal value = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1024).pow(power));
        try {
            return Optional.of(new ByteSize(value.setScale(0, java.math.RoundingMode.DOWN).longValueExact()));
        } catch (ArithmeticException tooBig) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return Long.toString(bytes);
    }
}
