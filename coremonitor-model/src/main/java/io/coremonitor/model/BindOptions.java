package io.coremonitor.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Options of a bind mount.
 *
 * @param propagation    shared, slave, private, rshared, rslave or rprivate
 * @param createHostPath create the source directory on the host when missing (implied by the short syntax)
 * @param selinux        {@code z} (shared) or {@code Z} (private) relabelling
 */
public record BindOptions(Optional<String> propagation, boolean createHostPath, Optional<String> selinux) {

    public BindOptions {
        Objects.requireNonNull(propagation, "propagation");
        Objects.requireNonNull(selinux, "selinux");
    }

    public boolean isDefault() {
        return propagation.isEmpty() && !createHostPath && selinux.isEmpty();
    }
}
