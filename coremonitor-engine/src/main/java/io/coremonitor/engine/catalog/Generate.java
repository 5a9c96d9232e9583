package io.coremonitor.engine.catalog;

import java.util.Objects;
import java.util.Optional;

/**
 * How a parameter's value is made when the choices give none: {@code generate: password} (24 letters and digits) or
 * {@code generate: hex:N} (N lower-case hexadecimal digits).
 *
 * @param kind   password or hex
 * @param length the number of characters
 */
public record Generate(Kind kind, int length) {

    /** The length of a generated password. */
    public static final int PASSWORD_LENGTH = 24;

    /** What is generated. */
    public enum Kind { PASSWORD, HEX }

    public Generate {
        Objects.requireNonNull(kind, "kind");
        if (length < 1 || length > 256) {
            throw new IllegalArgumentException("a generated value has 1 to 256 characters, not " + length);
        }
    }

    /** Parses {@code password} or {@code hex:N}. */
    public static Optional<Generate> parse(String text) {
        if (text.equals("password")) {
            return Optional.of(new Generate(Kind.PASSWORD, PASSWORD_LENGTH));
        }
        if (text.matches("hex:[0-9]{1,3}")) {
            int n = Integer.parseInt(text.substring(4));
            return n >= 1 && n <= 256 ? Optional.of(new Generate(Kind.HEX, n)) : Optional.empty();
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return kind == Kind.PASSWORD ? "password" : "hex:" + length;
    }
}
