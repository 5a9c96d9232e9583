package io.coremonitor.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * IP address management of a network.
 *
 * @param driver  IPAM driver
 * @param config  address pools, in order
 * @param options driver options
 */
public record Ipam(Optional<String> driver, List<IpamPool> config, Map<String, String> options) {

    public Ipam {
        Objects.requireNonNull(driver, "driver");
        config = List.copyOf(config);
        options = ModelCollections.sortedMap(options);
    }
}
