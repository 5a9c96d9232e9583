package io.coremonitor.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Options of a tmpfs mount.
 *
 * @param size size limit
 * @param mode file mode of the mount point (e.g. {@code 01777}, read as octal when given as a string)
 */
public record TmpfsOptions(Optional<ByteSize> size, Optional<Integer> mode) {

    public TmpfsOptions {
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(mode, "mode");
    }

    public boolean isDefault() {
        return size.isEmpty() && mode.isEmpty();
    }
}
