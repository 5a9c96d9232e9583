package io.coremonitor.model;

import java.util.List;

/**
 * The filesystems mounted into a service's container, and the files written into it.
 *
 * @param volumes mounts, sorted by target
 * @param tmpfs   tmpfs mounts of the service key {@code tmpfs}, sorted by spelling
 * @param secrets the service's {@code secrets:}, sorted by target
 * @param configs the service's {@code configs:}, sorted by target
 * @param volumesFrom the service's {@code volumes_from:}, services first, then containers, by name
 */
public record ServiceStorage(List<Mount> volumes, List<TmpfsPath> tmpfs, List<FileMount> secrets, List<FileMount> configs,
        List<VolumesFrom> volumesFrom) {

    public ServiceStorage {
        volumes = List.copyOf(volumes);
        tmpfs = List.copyOf(tmpfs);
        secrets = List.copyOf(secrets);
        configs = List.copyOf(configs);
        volumesFrom = volumesFrom.stream().sorted(VolumesFrom.ORDER).toList();
    }

    /** Mounts and files, no {@code volumes_from}. */
    public ServiceStorage(List<Mount> volumes, List<TmpfsPath> tmpfs, List<FileMount> secrets, List<FileMount> configs) {
        this(volumes, tmpfs, secrets, configs, List.of());
    }

    /** Mounts only, no secrets or configs. */
    public ServiceStorage(List<Mount> volumes, List<TmpfsPath> tmpfs) {
        this(volumes, tmpfs, List.of(), List.of());
    }

    /** The services of the stack whose volumes this service mounts ({@code volumes_from} without {@code container:}). */
    public List<String> volumesFromServices() {
        return volumesFrom.stream().flatMap(v -> v.service().stream()).distinct().toList();
    }

    /** Whether files are written into the container before it starts (secrets or configs). */
    public boolean hasFiles() {
        return !secrets.isEmpty() || !configs.isEmpty();
    }
}
