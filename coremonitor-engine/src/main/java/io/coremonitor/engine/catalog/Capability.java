package io.coremonitor.engine.catalog;

import io.coremonitor.engine.catalog.internal.Versions;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Something a component provides, written {@code name[@version]}: {@code http}, {@code sql:postgresql@16},
 * {@code servlet:jakarta@10}, {@code cache:redis@7}, {@code java@17}. The name is one or more segments separated by
 * {@code :}, from the general to the particular ({@code sql} is any SQL database, {@code sql:postgresql} a PostgreSQL
 * one); its first segment is the family.
 *
 * @param name    {@code sql:postgresql}
 * @param version {@code 16}, when the capability has one
 */
public record Capability(String name, Optional<String> version) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*(:[a-z0-9][a-z0-9_.-]*)*");

    public Capability {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid capability name '" + name
                + "': lower-case segments separated by ':', such as http or sql:postgresql");
        }
        if (version.isPresent() && !Versions.isValid(version.get())) {
            throw new IllegalArgumentException("invalid capability version '" + version.get() + "' of " + name);
        }
    }

    /** Parses {@code name[@version]}; throws IllegalArgumentException saying what is wrong. */
    public static Capability parse(String text) {
        Objects.requireNonNull(text, "text");
        int at = text.indexOf('@');
        return at < 0 ? new Capability(text.trim(), Optional.empty())
            : new Capability(text.substring(0, at).trim(), Optional.of(text.substring(at + 1).trim()));
    }

    /** The first segment of the name: {@code sql} for {@code sql:postgresql}. */
    public String family() {
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }

    /**
     * Whether this capability is, or is a particular kind of, {@code wanted}: {@code sql:postgresql} is a
     * {@code sql:postgresql} and a {@code sql}; it is not a {@code sql:mariadb}.
     */
    public boolean isA(String wanted) {
        return name.equals(wanted) || name.startsWith(wanted + ":");
    }

    /** {@code name@version}, or the name alone. */
    @Override
    public String toString() {
        return version.map(v -> name + "@" + v).orElse(name);
    }
}
