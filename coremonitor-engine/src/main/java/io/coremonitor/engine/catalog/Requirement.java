package io.coremonitor.engine.catalog;

import java.util.Objects;

/**
 * What a component needs from another chosen component.
 *
 * @param key         the name of the wire, used in the choices ({@code wiring: {database: db}}) and in the placeholders
 *                    ({@code ${wired.database.service}})
 * @param capability  the capability name the provider must have ({@code servlet:jakarta}, or {@code sql} for any SQL
 *                    database); see {@link Capability#isA}
 * @param versions    the versions of that capability that fit
 * @param optional    whether the component works without it (wired only when a provider is there)
 * @param description what it is for, for a person
 */
public record Requirement(String key, String capability, VersionRange versions, boolean optional, String description) {

    public Requirement {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(versions, "versions");
        Objects.requireNonNull(description, "description");
    }

    /** Whether {@code provided} fits: the right kind and a version in range. */
    public boolean fits(Capability provided) {
        return provided.isA(capability) && versions.contains(provided.version().orElse(""));
    }

    /** {@code servlet:jakarta@>=10}, or the capability alone when any version fits. */
    public String wanted() {
        return versions.isAny() ? capability : capability + "@" + versions;
    }
}
