package io.coremonitor.docker.internal.translation;

import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.BindPropagation;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.api.model.VolumesFrom;
import io.coremonitor.docker.StackNaming;
import io.coremonitor.model.ComposeDefinition;
import io.coremonitor.model.Mount;
import io.coremonitor.model.MountType;
import io.coremonitor.model.ServiceSpec;
import io.coremonitor.model.ServiceStorage;
import io.coremonitor.model.TmpfsPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Translates {@link ServiceStorage}: named and anonymous volumes, bind mounts (absolute paths only: Core Monitor has no
 * project directory; the Binds form when the host path is created or relabelled, as compose does), tmpfs mounts, the
 * service key {@code tmpfs}, and {@code volumes_from} (Docker's {@code VolumesFrom}: a service's container by its
 * name in the stack, or a container outside it by its own name; the container must exist when this one is created, so
 * the services of {@code volumes_from} are created and started first).
 */
public final class StorageTranslator {

    private StorageTranslator() {
    }

    /** {@code stackName} and {@code definition} resolve volume keys to Docker volume names. */
    public static void translate(String stackName, ComposeDefinition definition, ServiceStorage storage, ContainerDraft draft) {
        mounts(stackName, definition, storage, draft);
        if (!storage.tmpfs().isEmpty()) {
            Map<String, String> tmpfs = new LinkedHashMap<>();
            for (TmpfsPath t : storage.tmpfs()) {
                tmpfs.put(t.target(), t.options().orElse(""));
            }
            draft.host().withTmpFs(tmpfs);
        }
        if (!storage.volumesFrom().isEmpty()) {
            List<VolumesFrom> from = new ArrayList<>();
            for (io.coremonitor.model.VolumesFrom v : storage.volumesFrom()) {
                String container = v.container().orElse(null);
                if (container == null) {
                    ServiceSpec other = definition.services().get(v.name());
                    if (other == null) {
                        draft.refuse("volumes_from: unknown service '" + v.name() + "'");
                        continue;
                    }
                    container = StackNaming.container(stackName, v.name(), other);
                }
                from.add(new VolumesFrom(container, v.readOnly() ? AccessMode.ro : AccessMode.rw));
            }
            draft.host().withVolumesFrom(from);
        }
    }

    private static void mounts(String stackName, ComposeDefinition definition, ServiceStorage storage, ContainerDraft draft) {
        List<com.github.dockerjava.api.model.Mount> mounts = new ArrayList<>();
        List<Bind> binds = new ArrayList<>();
        for (int i = 0; i < storage.volumes().size(); i++) {
            Mount m = storage.volumes().get(i);
            String path = "volumes[" + i + "]";
            com.github.dockerjava.api.model.Mount mount = new com.github.dockerjava.api.model.Mount().withTarget(m.target());
            if (m.readOnly()) {
                mount.withReadOnly(true);
            }
            if (m.type() == MountType.VOLUME) {
                mount.withType(com.github.dockerjava.api.model.MountType.VOLUME);
                m.source().ifPresent(s -> mount.withSource(StackNaming.volume(stackName, definition, s)));
                m.volume().ifPresent(v -> {
                    if (v.subpath().isPresent()) {
                        draft.refuse(path + ".volume.subpath: needs Docker API 1.45; the supported engine speaks 1.41");
                    }
                    if (v.nocopy()) {
                        mount.withVolumeOptions(new com.github.dockerjava.api.model.VolumeOptions().withNoCopy(true));
                    }
                });
                mounts.add(mount);
            } else if (m.type() == MountType.BIND) {
                String source = m.source().orElse("");
                if (!source.startsWith("/")) {
                    draft.refuse(path + ".source: relative bind path '" + source
                        + "' (Core Monitor has no project directory; use an absolute path)");
                    continue;
                }
                boolean create = m.bind().map(b -> b.createHostPath()).orElse(false);
                Optional<String> selinux = m.bind().flatMap(b -> b.selinux());
                Optional<String> propagation = m.bind().flatMap(b -> b.propagation());
                if (create || selinux.isPresent()) {
                    // The Binds form creates a missing host path and carries SELinux relabelling, as compose does.
                    StringBuilder spelled = new StringBuilder(source).append(':').append(m.target())
                        .append(m.readOnly() ? ":ro" : ":rw");
                    selinux.ifPresent(s -> spelled.append(',').append(s));
                    propagation.ifPresent(p -> spelled.append(',').append(p));
                    binds.add(Bind.parse(spelled.toString()));
                } else {
                    mount.withType(com.github.dockerjava.api.model.MountType.BIND).withSource(source);
                    if (propagation.isPresent()) {
                        BindPropagation mode = propagation(propagation.get());
                        if (mode == null) {
                            draft.refuse(path + ".bind.propagation: unknown propagation '" + propagation.get() + "'");
                        } else {
                            mount.withBindOptions(new com.github.dockerjava.api.model.BindOptions().withPropagation(mode));
                        }
                    }
                    mounts.add(mount);
                }
            } else {
                mount.withType(com.github.dockerjava.api.model.MountType.TMPFS);
                m.tmpfs().ifPresent(t -> {
                    com.github.dockerjava.api.model.TmpfsOptions options = new com.github.dockerjava.api.model.TmpfsOptions();
                    t.size().ifPresent(s -> options.withSizeBytes(s.bytes()));
                    t.mode().ifPresent(options::withMode);
                    mount.withTmpfsOptions(options);
                });
                mounts.add(mount);
            }
        }
        if (!mounts.isEmpty()) {
            draft.host().withMounts(mounts);
        }
        if (!binds.isEmpty()) {
            draft.host().withBinds(binds);
            draft.step(cmd -> cmd.withVolumes(binds.stream().map(Bind::getVolume).toArray(Volume[]::new)));
        }
    }

    /** {@code rslave} → R_SLAVE; null when unknown. */
    private static BindPropagation propagation(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        String name = (lower.startsWith("r") ? "R_" + lower.substring(1) : lower).toUpperCase(Locale.ROOT);
        for (BindPropagation p : BindPropagation.values()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }
}
