package io.coremonitor.engine.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The type of a component parameter, written in lower case in a component file. */
public enum ParameterType {
    /** Any text (within the parameter's pattern, if any). */
    STRING,
    /** A whole number. */
    INT,
    /** {@code true} or {@code false}. */
    BOOL,
    /** One of the parameter's {@code values}. */
    ENUM,
    /** A host port the component publishes (1 to 65535), checked against the ports other stacks and the host use. */
    PORT,
    /** A password: text, usually {@code secret: true} and {@code generate: password}. */
    PASSWORD;

    /** How it is written in a component file: {@code string}, {@code int}, ... */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type written {@code key}. */
    public static Optional<ParameterType> fromKey(String key) {
        return Arrays.stream(values()).filter(t -> t.key().equals(key)).findFirst();
    }
}
