package io.coremonitor.engine.catalog;

import java.util.Objects;

/**
 * A secret the generated definition references by name (a compose secret and a {@code *_FILE} variable) and the caller
 * must store: its value is never written into the definition.
 *
 * @param name      {@code <stack>-<instance>-<parameter>}
 * @param value     the value, given in the choices or generated
 * @param generated whether the engine generated it
 */
public record SecretValue(String name, String value, boolean generated) {

    public SecretValue {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** The name only: a secret's value is not printed. */
    @Override
    public String toString() {
        return "SecretValue[" + name + (generated ? ", generated" : "") + "]";
    }
}
