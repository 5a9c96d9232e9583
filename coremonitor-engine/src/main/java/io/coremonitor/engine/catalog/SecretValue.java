package io.coremonitor.engine.catalog;

import java.util.Locale;
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

    /**
     * The name of the secret of a parameter: {@code <stack>-<instance>-<parameter>} in lower case, a camelCase parameter
     * in kebab-case ({@code shop-db-root-password}), so that it is a name of the secret store.
     */
    public static String nameOf(String stackName, String instance, String parameter) {
        return (stackName + "-" + instance + "-" + parameter.replaceAll("([a-z0-9])([A-Z])", "$1-$2")).toLowerCase(Locale.ROOT);
    }

    /** The name only: a secret's value is not printed. */
    @Override
    public String toString() {
        return "SecretValue[" + name + (generated ? ", generated" : "") + "]";
    }
}
