package io.coremonitor.model.internal;

import io.coremonitor.model.DeployKind;
import io.coremonitor.model.DeploySettings;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reads a service's {@code x-coremonitor-deploy} extension key into {@link DeploySettings}. */
final class DeployConverter {

    private final Values v;

    DeployConverter(Values v) {
        this.v = v;
    }

    Optional<DeploySettings> deploy(Map<String, Object> service, String servicePath) {
        if (!service.containsKey(DeploySettings.KEY)) {
            return Optional.empty();
        }
        String path = Paths.key(servicePath, DeploySettings.KEY);
        Map<String, Object> m = v.mapping(service.get(DeploySettings.KEY), path);
        Optional<String> target = v.string(m, path, "target");
        if (target.isEmpty()) {
            v.error(path, "needs 'target': one of " + kinds());
            return Optional.empty();
        }
        Optional<DeployKind> kind = DeployKind.fromKey(target.get());
        if (kind.isEmpty()) {
            v.error(Paths.key(path, "target"), "unknown deploy target '" + target.get() + "': one of " + kinds());
            return Optional.empty();
        }
        boolean ok = true;
        for (String key : m.keySet()) {
            if (!key.equals("target") && !key.equals("port") && !key.equals(kind.get().directoryKey())) {
                v.error(Paths.key(path, key), "unknown key for target '" + kind.get().key() + "': allowed are target, "
                    + kind.get().directoryKey() + " and port");
                ok = false;
            }
        }
        String directory = v.string(m, path, kind.get().directoryKey()).orElse(kind.get().defaultDirectory());
        if (!directory.startsWith("/") || directory.contains("/../") || directory.endsWith("/..")) {
            v.error(Paths.key(path, kind.get().directoryKey()), "must be an absolute path without '..', got '" + directory + "'");
            ok = false;
        }
        while (directory.length() > 1 && directory.endsWith("/")) {
            directory = directory.substring(0, directory.length() - 1);
        }
        if (directory.equals("/")) {
            v.error(Paths.key(path, kind.get().directoryKey()), "cannot be the container's root directory");
            ok = false;
        }
        Optional<Integer> port = v.intInRange(m, path, "port", 1, 65535);
        if (m.containsKey("port") && port.isEmpty()) {
            ok = false;
        }
        return ok ? Optional.of(new DeploySettings(kind.get(), directory, port.orElse(kind.get().defaultPort())))
            : Optional.empty();
    }

    private static String kinds() {
        return Arrays.stream(DeployKind.values()).map(DeployKind::key).collect(Collectors.joining(", "));
    }
}
