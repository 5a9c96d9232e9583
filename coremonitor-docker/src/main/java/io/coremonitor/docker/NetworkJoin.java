package io.coremonitor.docker;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A network a container joins after it is created (the Engine API before 1.44 accepts one network at creation).
 *
 * @param network     the Docker network name
 * @param aliases     DNS aliases on that network
 * @param ipv4Address static IPv4 address
 * @param ipv6Address static IPv6 address
 * @param macAddress  MAC address on that network
 * @param links       {@code container:alias} links on that network ({@code links} and {@code external_links})
 */
public record NetworkJoin(String network, List<String> aliases, Optional<String> ipv4Address, Optional<String> ipv6Address,
        Optional<String> macAddress, List<String> links) {

    public NetworkJoin {
        Objects.requireNonNull(network, "network");
        aliases = List.copyOf(aliases);
        links = List.copyOf(links);
    }

    /** A join without links. */
    public NetworkJoin(String network, List<String> aliases, Optional<String> ipv4Address, Optional<String> ipv6Address,
            Optional<String> macAddress) {
        this(network, aliases, ipv4Address, ipv6Address, macAddress, List.of());
    }
}
