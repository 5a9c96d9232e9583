package io.coremonitor.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Options of a volume mount.
 *
 * @param nocopy  do not copy the image's data into a new volume
 * @param subpath mount only this path inside the volume
 */
public record VolumeOptions(boolean nocopy, Optional<String> subpath) {

    public VolumeOptions {
        Objects.requireNonNull(subpath, "subpath");
    }

    public boolean isDefault() {
        return !nocopy && subpath.isEmpty();
    }
}
