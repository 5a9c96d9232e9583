package io.coremonitor.model;

import java.util.List;

/**
 * The filesystems mounted into a service's container. Its two lists have different element types, so the compiler keeps
 * them apart.
 *
 * @param volumes mounts, sorted by target
 * @param tmpfs   tmpfs mounts of the service key {@code tmpfs}, sorted by spelling
 */
public record ServiceStorage(List<Mount> volumes, List<TmpfsPath> tmpfs) {

    public ServiceStorage {
        volumes = List.copyOf(volumes);
        tmpfs = List.copyOf(tmpfs);
    }
}
