package io.coremonitor.engine.internal.convergence;

import io.coremonitor.docker.StackLabels;
import io.coremonitor.docker.StackNaming;
import io.coremonitor.model.ComposeDefinition;
import io.coremonitor.model.NetworkSpec;
import io.coremonitor.model.VolumeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The settings of a stack network or volume that changed: the spec of the version that created it (its
 * {@code coremonitor.version} label, read from the store) against the desired one. For a network: driver,
 * driver_opts, attachable, enable_ipv6, internal, labels, ipam; for a volume: driver, driver_opts, labels. When the
 * creating version is unknown (no label, or not in the store) nothing is reported: the object is kept as it is.
 */
final class ObjectChanges {

    /** The reason every RECREATE_VOLUME carries. */
    static final String DATA_LOST = "the volume's data is lost: an APPLY needs \"recreate_volumes\": true to do it";

    private ObjectChanges() {
    }

    /** The changed network settings, each as {@code "labels changed (since v1)"}; empty when none (or unknown). */
    static List<String> network(String key, Map<String, String> labels, NetworkSpec desired,
            Function<String, Optional<ComposeDefinition>> versionLookup) {
        Optional<String> version = version(labels);
        Optional<NetworkSpec> before = version.flatMap(versionLookup).map(d -> StackNaming.networkSpec(d, key));
        if (before.isEmpty()) {
            return List.of();
        }
        NetworkSpec a = before.get();
        List<String> changed = new ArrayList<>();
        compare(changed, "driver", a.driver(), desired.driver());
        compare(changed, "driver_opts", a.driverOpts(), desired.driverOpts());
        compare(changed, "attachable", a.attachable(), desired.attachable());
        compare(changed, "enable_ipv6", a.enableIpv6().orElse(false), desired.enableIpv6().orElse(false));
        compare(changed, "internal", a.internal(), desired.internal());
        compare(changed, "labels", a.labels(), desired.labels());
        compare(changed, "ipam", a.ipam(), desired.ipam());
        return since(changed, version.get());
    }

    /** The changed volume settings, each as {@code "driver_opts changed (since v1)"}; empty when none (or unknown). */
    static List<String> volume(String key, Map<String, String> labels, VolumeSpec desired,
            Function<String, Optional<ComposeDefinition>> versionLookup) {
        Optional<String> version = version(labels);
        Optional<VolumeSpec> before = version.flatMap(versionLookup).map(d -> d.volumes().getOrDefault(key, VolumeSpec.DEFAULT));
        if (before.isEmpty()) {
            return List.of();
        }
        VolumeSpec a = before.get();
        List<String> changed = new ArrayList<>();
        compare(changed, "driver", a.driver(), desired.driver());
        compare(changed, "driver_opts", a.driverOpts(), desired.driverOpts());
        compare(changed, "labels", a.labels(), desired.labels());
        return since(changed, version.get());
    }

    private static Optional<String> version(Map<String, String> labels) {
        return Optional.ofNullable(labels).map(l -> l.get(StackLabels.VERSION));
    }

    private static void compare(List<String> changed, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changed.add(field);
        }
    }

    private static List<String> since(List<String> changed, String version) {
        return changed.stream().map(f -> f + " changed (since " + version + ")").toList();
    }
}
