package io.coremonitor.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a service's {@code volumes:}. Options are present only when they differ from the defaults.
 *
 * @param type     volume, bind or tmpfs
 * @param source   the volume name (declared at top level), the host path (bind, kept as written), or empty
 *                 (anonymous volume, tmpfs)
 * @param target   the path in the container
 * @param readOnly mounted read-only
 * @param bind     bind options
 * @param volume   volume options
 * @param tmpfs    tmpfs options
 */
public record Mount(
        MountType type,
        Optional<String> source,
        String target,
        boolean readOnly,
        Optional<BindOptions> bind,
        Optional<VolumeOptions> volume,
        Optional<TmpfsOptions> tmpfs) {

    public Mount {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(tmpfs, "tmpfs");
    }
}
