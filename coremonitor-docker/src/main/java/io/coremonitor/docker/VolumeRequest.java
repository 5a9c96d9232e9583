package io.coremonitor.docker;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A named volume to create.
 *
 * @param name       the Docker name
 * @param driver     the driver (Docker's default when empty)
 * @param driverOpts driver options
 * @param labels     labels (Core Monitor's included)
 */
public record VolumeRequest(String name, Optional<String> driver, Map<String, String> driverOpts, Map<String, String> labels) {

    public VolumeRequest {
        Objects.requireNonNull(name, "name");
        driverOpts = Map.copyOf(driverOpts);
        labels = Map.copyOf(labels);
    }
}
