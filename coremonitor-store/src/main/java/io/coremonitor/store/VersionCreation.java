package io.coremonitor.store;

import io.coremonitor.model.StackVersion;
import java.util.Objects;

/**
 * The outcome of {@link StackVersionRepository#createIfChanged}.
 *
 * @param version the new version, or the latest one when the definition was identical
 * @param created whether a version was created
 */
public record VersionCreation(StackVersion version, boolean created) {

    public VersionCreation {
        Objects.requireNonNull(version, "version");
    }
}
