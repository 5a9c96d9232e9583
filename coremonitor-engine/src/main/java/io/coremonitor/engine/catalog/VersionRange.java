package io.coremonitor.engine.catalog;

import io.coremonitor.engine.catalog.internal.Versions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The versions a requirement accepts: {@code >=10}, {@code >=27 <40}, {@code 10} (any 10.x: 10, 10.1, 10.0.5), or
 * {@code *} (any version, and a capability without version). Bounds are separated by blanks and must all hold; the
 * operators are {@code >=}, {@code >}, {@code <=}, {@code <}, {@code =} (exactly, missing segments as 0) and none
 * (the prefix form). Versions compare as dotted numbers ({@code 10.1 > 9}).
 *
 * @param text the range as written, normalized to single blanks ({@code *} for any)
 */
public record VersionRange(String text) {

    /** Any version. */
    public static final VersionRange ANY = new VersionRange("*");

    public VersionRange {
        Objects.requireNonNull(text, "text");
        text = text.isBlank() ? "*" : String.join(" ", text.trim().split("\\s+"));
        bounds(text);
    }

    /** Parses a range; throws IllegalArgumentException saying what is wrong. */
    public static VersionRange parse(String text) {
        return new VersionRange(text);
    }

    /** Whether {@code version} is in the range; a capability without version is only in {@link #ANY}. */
    public boolean contains(String version) {
        if (isAny()) {
            return true;
        }
        if (version == null || version.isEmpty()) {
            return false;
        }
        for (Bound b : bounds(text)) {
            if (!b.holds(version)) {
                return false;
            }
        }
        return true;
    }

    /** Whether every version is in the range. */
    public boolean isAny() {
        return text.equals("*");
    }

    @Override
    public String toString() {
        return text;
    }

    private record Bound(String op, String version) {
        boolean holds(String v) {
            int c = Versions.compare(v, version);
            return switch (op) {
                case ">=" -> c >= 0;
                case ">" -> c > 0;
                case "<=" -> c <= 0;
                case "<" -> c < 0;
                case "=" -> c == 0;
                default -> Versions.hasPrefix(v, version);
            };
        }
    }

    private static List<Bound> bounds(String text) {
        List<Bound> bounds = new ArrayList<>();
        if (text.equals("*")) {
            return bounds;
        }
        for (String part : text.split(" ")) {
            String op = part.startsWith(">=") || part.startsWith("<=") ? part.substring(0, 2)
                : part.startsWith(">") || part.startsWith("<") || part.startsWith("=") ? part.substring(0, 1) : "";
            String version = part.substring(op.length());
            if (!Versions.isValid(version)) {
                throw new IllegalArgumentException("invalid version range '" + text + "': '" + part
                    + "' is not an operator (>=, >, <=, <, =, or none) followed by a version such as 10 or 10.1");
            }
            bounds.add(new Bound(op, version));
        }
        return bounds;
    }
}
