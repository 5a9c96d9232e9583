package io.coremonitor.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code ipam.config} entry.
 *
 * @param subnet       CIDR subnet
 * @param gateway      gateway address
 * @param ipRange      range to allocate from
 * @param auxAddresses reserved addresses by host name
 */
public record IpamPool(Optional<String> subnet, Optional<String> gateway, Optional<String> ipRange, Map<String, String> auxAddresses) {

    public IpamPool {
        Objects.requireNonNull(subnet, "subnet");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(ipRange, "ipRange");
        auxAddresses = ModelCollections.sortedMap(auxAddresses);
    }
}
