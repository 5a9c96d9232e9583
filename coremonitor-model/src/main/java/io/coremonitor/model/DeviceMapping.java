package io.coremonitor.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One {@code devices} entry.
 *
 * @param source      host device path
 * @param target      container device path (same as source when not given)
 * @param permissions cgroup permissions (rwm)
 */
public record DeviceMapping(String source, String target, Optional<String> permissions) {

    public DeviceMapping {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(permissions, "permissions");
    }
}
