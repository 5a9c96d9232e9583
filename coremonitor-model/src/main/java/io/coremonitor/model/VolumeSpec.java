package io.coremonitor.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A top-level named volume.
 *
 * @param name       the Docker name when it is not {@code <stack>_<key>}
 * @param external   created outside Core Monitor; only {@code name} may be given with it
 * @param driver     volume driver
 * @param driverOpts driver options
 * @param labels     labels, sorted
 */
public record VolumeSpec(Optional<String> name, boolean external, Optional<String> driver, Map<String, String> driverOpts,
        Map<String, String> labels) {

    public static final VolumeSpec DEFAULT = new VolumeSpec(Optional.empty(), false, Optional.empty(), Map.of(), Map.of());

    public VolumeSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(driver, "driver");
        driverOpts = ModelCollections.sortedMap(driverOpts);
        labels = ModelCollections.sortedMap(labels);
    }
}
