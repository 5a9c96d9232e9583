package io.coremonitor.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A top-level network.
 *
 * @param name       the Docker name when it is not {@code <stack>_<key>} (required meaning for external networks)
 * @param external   created outside Core Monitor; only {@code name} may be given with it
 * @param driver     network driver
 * @param driverOpts driver options
 * @param attachable standalone containers may attach
 * @param enableIpv6 IPv6 networking
 * @param internal   no external connectivity
 * @param labels     labels, sorted
 * @param ipam       address management
 */
public record NetworkSpec(
        Optional<String> name,
        boolean external,
        Optional<String> driver,
        Map<String, String> driverOpts,
        boolean attachable,
        Optional<Boolean> enableIpv6,
        boolean internal,
        Map<String, String> labels,
        Optional<Ipam> ipam) {

    public static final NetworkSpec DEFAULT = new NetworkSpec(Optional.empty(), false, Optional.empty(), Map.of(), false,
        Optional.empty(), false, Map.of(), Optional.empty());

    public NetworkSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(driver, "driver");
        driverOpts = ModelCollections.sortedMap(driverOpts);
        Objects.requireNonNull(enableIpv6, "enableIpv6");
        labels = ModelCollections.sortedMap(labels);
        Objects.requireNonNull(ipam, "ipam");
    }
}
