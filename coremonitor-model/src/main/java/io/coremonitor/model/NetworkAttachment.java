package io.coremonitor.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a service joins one network.
 *
 * @param aliases       extra DNS names on that network (sorted)
 * @param ipv4Address   static IPv4 address
 * @param ipv6Address   static IPv6 address
 * @param macAddress    MAC address on that network
 * @param linkLocalIps  link-local addresses (sorted)
 * @param priority      connection order (higher first)
 * @param gwPriority    default-gateway priority
 * @param driverOpts    endpoint driver options
 * @param interfaceName interface name in the container
 */
public record NetworkAttachment(
        List<String> aliases,
        Optional<String> ipv4Address,
        Optional<String> ipv6Address,
        Optional<String> macAddress,
        List<String> linkLocalIps,
        Optional<Integer> priority,
        Optional<Integer> gwPriority,
        Map<String, String> driverOpts,
        Optional<String> interfaceName) {

    public static final NetworkAttachment DEFAULT = new NetworkAttachment(List.of(), Optional.empty(), Optional.empty(),
        Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Map.of(), Optional.empty());

    public NetworkAttachment {
        aliases = ModelCollections.sortedList(aliases);
        linkLocalIps = ModelCollections.sortedList(linkLocalIps);
        driverOpts = ModelCollections.sortedMap(driverOpts);
        Objects.requireNonNull(ipv4Address, "ipv4Address");
        Objects.requireNonNull(ipv6Address, "ipv6Address");
        Objects.requireNonNull(macAddress, "macAddress");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(gwPriority, "gwPriority");
        Objects.requireNonNull(interfaceName, "interfaceName");
    }
}
