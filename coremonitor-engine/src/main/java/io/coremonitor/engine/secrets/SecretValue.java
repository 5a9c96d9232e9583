package io.coremonitor.engine.secrets;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * A secret's value (bytes; text is UTF-8). It prints as {@code ***} so that it cannot reach a log line or a message by
 * accident; {@link #bytes()} and {@link #asString()} are the only ways out.
 */
public final class SecretValue {

    private final byte[] bytes;

    private SecretValue(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A value of these bytes (copied). */
    public static SecretValue ofBytes(byte[] value) {
        return new SecretValue(Objects.requireNonNull(value, "value").clone());
    }

    /** A text value, stored as UTF-8. */
    public static SecretValue of(String value) {
        return new SecretValue(Objects.requireNonNull(value, "value").getBytes(StandardCharsets.UTF_8));
    }

    /** A text value given as characters (copied as UTF-8; the caller may clear its array afterwards). */
    public static SecretValue ofChars(char[] value) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(Objects.requireNonNull(value, "value")));
        byte[] copy = Arrays.copyOfRange(encoded.array(), encoded.position(), encoded.limit());
        Arrays.fill(encoded.array(), (byte) 0);
        return new SecretValue(copy);
    }

    /** A copy of the bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The value as UTF-8 text. */
    public String asString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The number of bytes. */
    public int length() {
        return bytes.length;
    }

    /** Compares in constant time. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SecretValue v && MessageDigest.isEqual(bytes, v.bytes);
    }

    /** The length only, so that a hash tells nothing of the value. */
    @Override
    public int hashCode() {
        return bytes.length;
    }

    /** Never the value. */
    @Override
    public String toString() {
        return "***";
    }
}
