package io.coremonitor.model.internal;

import io.coremonitor.model.BindOptions;
import io.coremonitor.model.FileMount;
import io.coremonitor.model.Mount;
import io.coremonitor.model.MountType;
import io.coremonitor.model.ServiceStorage;
import io.coremonitor.model.TmpfsOptions;
import io.coremonitor.model.TmpfsPath;
import io.coremonitor.model.VolumesFrom;
import io.coremonitor.model.VolumeOptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a service's {@link ServiceStorage}: {@code volumes} (short and long syntax), {@code tmpfs}, and the files of
 * {@code secrets} and {@code configs} (short and long syntax). Remembers where each mount and file came from, for the
 * semantic checks.
 */
final class StorageConverter {

    private static final Set<String> PROPAGATIONS = Set.of("shared", "slave", "private", "rshared", "rslave", "rprivate");

    private final Values v;
    private final Map<Object, String> origins;

    StorageConverter(Values v, Map<Object, String> origins) {
        this.v = v;
        this.origins = origins;
    }

    ServiceStorage storage(Map<String, Object> s, String path) {
        List<Mount> volumes = mounts(s.get("volumes"), Paths.key(path, "volumes"));
        List<TmpfsPath> tmpfs = new TreeSet<>(v.strings(s, path, "tmpfs", true)).stream().map(TmpfsPath::parse).toList();
        List<FileMount> secrets = files(s.get("secrets"), Paths.key(path, "secrets"), FileMount.SECRETS_DIRECTORY);
        List<FileMount> configs = files(s.get("configs"), Paths.key(path, "configs"), "");
        return new ServiceStorage(volumes, tmpfs, secrets, configs, volumesFrom(s.get("volumes_from"), Paths.key(path, "volumes_from")));
    }

    /** {@code service}, {@code service:ro|rw}, {@code container:name}, {@code container:name:ro|rw}. */
    private List<VolumesFrom> volumesFrom(Object value, String path) {
        List<VolumesFrom> out = new ArrayList<>();
        List<?> list = v.list(value, path);
        for (int i = 0; i < list.size(); i++) {
            String p = Paths.index(path, i);
            if (!(list.get(i) instanceof String text)) {
                v.error(p, "must be a string, not " + TreeTypes.describe(list.get(i)));
                continue;
            }
            List<String> parts = new ArrayList<>(List.of(text.split(":", -1)));
            boolean container = parts.size() > 1 && "container".equals(parts.get(0));
            if (container) {
                parts.remove(0);
            }
            boolean readOnly = false;
            if (parts.size() == 2 && ("ro".equals(parts.get(1)) || "rw".equals(parts.get(1)))) {
                readOnly = "ro".equals(parts.remove(1));
            }
            if (parts.size() != 1 || parts.get(0).isEmpty()) {
                v.error(p, "'" + text + "' is not a volumes_from entry (write SERVICE, SERVICE:ro, container:NAME or"
                    + " container:NAME:ro)");
                continue;
            }
            VolumesFrom entry = container ? new VolumesFrom(Optional.empty(), Optional.of(parts.get(0)), readOnly)
                : new VolumesFrom(Optional.of(parts.get(0)), Optional.empty(), readOnly);
            origins.put(entry, p);
            out.add(entry);
        }
        return out;
    }

    /**
     * A service's {@code secrets:} or {@code configs:}: {@code - key} or {@code - {source, target, uid, gid, mode}}. A
     * relative target is relative to {@code directory} ({@code /run/secrets} for secrets, {@code /} for configs).
     */
    private List<FileMount> files(Object value, String path, String directory) {
        List<FileMount> out = new ArrayList<>();
        List<?> list = v.list(value, path);
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            String p = Paths.index(path, i);
            Optional<FileMount> file;
            if (item instanceof String source) {
                file = file(source, Optional.empty(), Map.of(), p, directory);
            } else if (item instanceof Map) {
                Map<String, Object> m = v.mapping(item, p);
                Optional<String> source = v.string(m, p, "source");
                if (source.isEmpty()) {
                    v.error(Paths.key(p, "source"), "is required: the key of the top-level entry to mount");
                    file = Optional.empty();
                } else {
                    file = file(source.get(), v.string(m, p, "target"), m, p, directory);
                }
            } else {
                v.error(p, "must be a name or a mapping with 'source', not " + TreeTypes.describe(item));
                file = Optional.empty();
            }
            file.ifPresent(f -> {
                origins.put(f, p);
                out.add(f);
            });
        }
        out.sort(Comparator.comparing(FileMount::target));
        return out;
    }

    private Optional<FileMount> file(String source, Optional<String> target, Map<String, Object> m, String path, String directory) {
        if (source.isEmpty()) {
            v.error(path, "the source must not be empty");
            return Optional.empty();
        }
        String where = target.orElse(source);
        String absolute = where.startsWith("/") ? where : directory + "/" + where;
        String targetPath = target.isPresent() ? Paths.key(path, "target") : path;
        if (where.isEmpty() || absolute.endsWith("/") || List.of(absolute.split("/", -1)).stream().anyMatch(x -> x.equals("..")
                || x.equals("."))) {
            v.error(targetPath, "'" + where + "' is not a file path in the container (no '.', '..' or trailing '/')");
            return Optional.empty();
        }
        Optional<Long> uid = id(m, path, "uid");
        Optional<Long> gid = id(m, path, "gid");
        Optional<Integer> mode = fileMode(m.get("mode"), Paths.key(path, "mode"));
        if (m.containsKey("uid") && uid.isEmpty() || m.containsKey("gid") && gid.isEmpty() || m.containsKey("mode") && mode.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FileMount(source, absolute.replaceAll("/+", "/"), uid.orElse(0L), gid.orElse(0L),
            mode.orElse(FileMount.DEFAULT_MODE)));
    }

    /** A numeric user or group id: Core Monitor writes the file before the container runs, so names cannot be looked up. */
    private Optional<Long> id(Map<String, Object> m, String path, String key) {
        Object raw = m.get(key);
        if (raw == null) {
            return Optional.empty();
        }
        String text = Values.scalarText(raw).trim();
        if (!text.matches("[0-9]{1,10}") || Long.parseLong(text) > 0xFFFFFFFEL) {
            v.error(Paths.key(path, key), "'" + text + "' is not a numeric " + ("uid".equals(key) ? "user" : "group") + " id"
                + " (the file is written before the container runs, so names cannot be looked up)");
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(text));
    }

    /** A file mode: an integer (YAML's {@code 0440} is octal) or an octal string ({@code "0440"}, {@code "0o440"}). */
    private Optional<Integer> fileMode(Object raw, String path) {
        if (raw == null) {
            return Optional.empty();
        }
        if (raw instanceof Long l && l >= 0 && l <= 07777) {
            return Optional.of(l.intValue());
        }
        if (raw instanceof String str && str.trim().matches("(0o)?[0-7]{1,4}")) {
            return Optional.of(Integer.parseInt(str.trim().replaceFirst("^0o", ""), 8));
        }
        v.error(path, "'" + Values.scalarText(raw) + "' is not a file mode (an octal number such as 0440)");
        return Optional.empty();
    }

    private List<Mount> mounts(Object value, String path) {
        List<Mount> out = new ArrayList<>();
        List<?> list = v.list(value, path);
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            String p = Paths.index(path, i);
            Optional<Mount> mount;
            if (item instanceof String text) {
                mount = shortMount(text, p);
            } else if (item instanceof Map) {
                mount = longMount(v.mapping(item, p), p);
            } else {
                v.error(p, "must be a volume (\"data:/var/lib/data\") or a mapping, not " + TreeTypes.describe(item));
                mount = Optional.empty();
            }
            mount.ifPresent(m -> {
                origins.put(m, p);
                out.add(m);
            });
        }
        out.sort(Comparator.comparing(Mount::target).thenComparing(m -> m.type().value()).thenComparing(m -> m.source().orElse("")));
        return out;
    }

    private static boolean isHostPath(String source) {
        return source.startsWith("/") || source.startsWith(".") || source.startsWith("~");
    }

    private Optional<Mount> shortMount(String text, String path) {
        String[] parts = text.split(":", -1);
        if (parts.length > 3 || text.isEmpty()) {
            v.error(path, "'" + text + "' is not a volume (expected [SOURCE:]TARGET[:MODE])");
            return Optional.empty();
        }
        String source = parts.length == 1 ? "" : parts[0];
        String target = parts.length == 1 ? parts[0] : parts[1];
        if (parts.length > 1 && source.isEmpty()) {
            v.error(path, "'" + text + "' has an empty source");
            return Optional.empty();
        }
        if (!target.startsWith("/")) {
            v.error(path, "the target '" + target + "' must be an absolute path in the container");
            return Optional.empty();
        }
        boolean bind = isHostPath(source);
        boolean readOnly = false;
        boolean nocopy = false;
        Optional<String> propagation = Optional.empty();
        Optional<String> selinux = Optional.empty();
        if (parts.length == 3) {
            for (String mode : parts[2].split(",", -1)) {
                if ("ro".equals(mode)) {
                    readOnly = true;
                } else if ("rw".equals(mode)) {
                    readOnly = false;
                } else if (("z".equals(mode) || "Z".equals(mode)) && bind) {
                    selinux = Optional.of(mode);
                } else if ("nocopy".equals(mode) && !bind) {
                    nocopy = true;
                } else if (PROPAGATIONS.contains(mode) && bind) {
                    propagation = Optional.of(mode);
                } else if (mode.matches("cached|delegated|consistent")) {
                    v.error(path, "the mode '" + mode + "' is not supported by Core Monitor: mount consistency only matters on"
                        + " Docker Desktop for macOS");
                    return Optional.empty();
                } else {
                    v.error(path, "'" + mode + "' is not a valid mode for a " + (bind ? "bind mount" : "volume")
                        + " (use ro, rw" + (bind ? ", z, Z, shared, slave, private, rshared, rslave, rprivate" : ", nocopy") + ")");
                    return Optional.empty();
                }
            }
        }
        if (bind) {
            return Optional.of(new Mount(MountType.BIND, Optional.of(source), target, readOnly,
                Optional.of(new BindOptions(propagation, true, selinux)), Optional.empty(), Optional.empty()));
        }
        VolumeOptions options = new VolumeOptions(nocopy, Optional.empty());
        return Optional.of(new Mount(MountType.VOLUME, source.isEmpty() ? Optional.empty() : Optional.of(source), target, readOnly,
            Optional.empty(), options.isDefault() ? Optional.empty() : Optional.of(options), Optional.empty()));
    }

    private Optional<Mount> longMount(Map<String, Object> m, String path) {
        Optional<String> typeText = v.string(m, path, "type");
        Optional<String> target = v.string(m, path, "target");
        if (typeText.isEmpty() || target.isEmpty()) {
            return Optional.empty();
        }
        MountType type;
        try {
            type = MountType.valueOf(typeText.get().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            v.error(Paths.key(path, "type"), "'" + typeText.get() + "' is not supported by Core Monitor; use volume, bind or tmpfs");
            return Optional.empty();
        }
        if (!target.get().startsWith("/")) {
            v.error(Paths.key(path, "target"), "'" + target.get() + "' must be an absolute path in the container");
            return Optional.empty();
        }
        Optional<String> source = v.string(m, path, "source").filter(s -> !s.isEmpty());
        boolean readOnly = v.bool(m, path, "read_only", false);
        for (MountType other : MountType.values()) {
            if (other != type && m.containsKey(other.value())) {
                v.error(Paths.key(path, other.value()), "'" + other.value() + "' options only apply to type " + other.value()
                    + ", not " + type.value());
                return Optional.empty();
            }
        }
        switch (type) {
            case BIND: {
                if (source.isEmpty()) {
                    v.error(path, "a bind mount needs 'source' (the host path)");
                    return Optional.empty();
                }
                String bp = Paths.key(path, "bind");
                Map<String, Object> b = v.mapping(m.get("bind"), bp);
                BindOptions options = new BindOptions(v.string(b, bp, "propagation"), v.bool(b, bp, "create_host_path", false),
                    v.string(b, bp, "selinux"));
                return Optional.of(new Mount(type, source, target.get(), readOnly,
                    options.isDefault() ? Optional.empty() : Optional.of(options), Optional.empty(), Optional.empty()));
            }
            case VOLUME: {
                if (source.isPresent() && isHostPath(source.get())) {
                    v.error(Paths.key(path, "source"), "'" + source.get() + "' is a host path; use type: bind for it");
                    return Optional.empty();
                }
                String vp = Paths.key(path, "volume");
                Map<String, Object> o = v.mapping(m.get("volume"), vp);
                VolumeOptions options = new VolumeOptions(v.bool(o, vp, "nocopy", false), v.string(o, vp, "subpath"));
                return Optional.of(new Mount(type, source, target.get(), readOnly, Optional.empty(),
                    options.isDefault() ? Optional.empty() : Optional.of(options), Optional.empty()));
            }
            default: {
                if (source.isPresent()) {
                    v.error(Paths.key(path, "source"), "a tmpfs mount has no source");
                    return Optional.empty();
                }
                String tp = Paths.key(path, "tmpfs");
                Map<String, Object> t = v.mapping(m.get("tmpfs"), tp);
                Optional<Integer> mode = Optional.empty();
                Object rawMode = t.get("mode");
                if (rawMode instanceof Long l) {
                    mode = Optional.of(l.intValue());
                } else if (rawMode instanceof String str) {
                    if (str.matches("[0-7]{1,5}")) {
                        mode = Optional.of(Integer.parseInt(str, 8));
                    } else {
                        v.error(Paths.key(tp, "mode"), "'" + str + "' is not an octal file mode");
                    }
                }
                TmpfsOptions options = new TmpfsOptions(v.size(t, tp, "size", false), mode);
                return Optional.of(new Mount(type, Optional.empty(), target.get(), readOnly, Optional.empty(), Optional.empty(),
                    options.isDefault() ? Optional.empty() : Optional.of(options)));
            }
        }
    }
}
