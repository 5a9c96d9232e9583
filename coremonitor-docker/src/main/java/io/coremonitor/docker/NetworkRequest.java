package io.coremonitor.docker;

import io.coremonitor.model.Ipam;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A network to create.
 *
 * @param name       the Docker name
 * @param driver     the driver (Docker's default when empty)
 * @param options    driver options
 * @param internal   no external connectivity
 * @param attachable standalone containers may attach
 * @param enableIpv6 IPv6
 * @param ipam       address management
 * @param labels     labels (Core Monitor's included)
 */
public record NetworkRequest(String name, Optional<String> driver, Map<String, String> options, boolean internal,
        boolean attachable, boolean enableIpv6, Optional<Ipam> ipam, Map<String, String> labels) {

    public NetworkRequest {
        Objects.requireNonNull(name, "name");
        options = Map.copyOf(options);
        labels = Map.copyOf(labels);
    }
}
