package io.coremonitor.store;

import io.coremonitor.model.Names;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A secret to store, already encrypted.
 *
 * @param name    the secret's name, matching {@link #NAME_RULE}
 * @param stackId the stack it belongs to; empty for a global secret
 * @param value   its encrypted value
 * @param actor   who creates it
 */
public record NewSecret(String name, Optional<String> stackId, SealedValue value, String actor) {

    /** What a secret's name looks like: lower-case letters, digits, {@code _ . -}, 1 to 128 characters. */
    public static final String NAME_RULE = Names.SECRET_NAME_RULE;

    private static final Pattern NAME = Pattern.compile(NAME_RULE);

    public NewSecret {
        checkName(name);
        Objects.requireNonNull(stackId, "stackId");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(actor, "actor");
    }

    /**
     * Checks a secret's name.
     *
     * @throws IllegalArgumentException when it does not match {@link #NAME_RULE} (the message quotes the name)
     */
    public static String checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid secret name '" + printable(name) + "': expected " + NAME_RULE);
        }
        return name;
    }

    private static String printable(String name) {
        String cut = name.length() > 140 ? name.substring(0, 140) + "..." : name;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
