package io.coremonitor.engine.catalog;

import java.util.Objects;

/**
 * A component that cannot be in the same stack as the one declaring the conflict.
 *
 * @param component the other component's id
 * @param versions  the versions of the other component concerned ({@link VersionRange#ANY}: all)
 * @param reason    why, for a person
 */
public record Conflict(String component, VersionRange versions, String reason) {

    public Conflict {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(versions, "versions");
        Objects.requireNonNull(reason, "reason");
    }
}
