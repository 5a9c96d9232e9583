package io.coremonitor.engine.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One version of a component: the image it runs and what that version provides beyond the component's own list.
 *
 * @param version  {@code 16}, {@code 10.1}
 * @param image    {@code postgres:16}; empty for a component that runs no service of its own (compose {@code into})
 * @param provides the capabilities of this version ({@code sql:postgresql@16})
 */
public record ComponentVersion(String version, Optional<String> image, List<Capability> provides) {

    public ComponentVersion {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(image, "image");
        provides = List.copyOf(provides);
    }
}
