package io.coremonitor.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One container port, optionally published on the host. Short-syntax ranges ({@code 8000-8001:80-81}) are expanded into
 * one mapping per container port.
 *
 * @param target      the container port
 * @param published   the host port, or a host range Docker picks a free port from; empty: Docker picks any free host
 *                    port (every {@code ports:} entry is published, as in compose)
 * @param hostIp      the host address to bind
 * @param protocol    tcp, udp or sctp
 * @param mode        {@code ingress} (default) or {@code host}; both publish on the host's engine
 * @param name        a human-readable name
 * @param appProtocol application protocol hint (http, https, ...)
 */
public record PortMapping(
        int target,
        Optional<PortRange> published,
        Optional<String> hostIp,
        Protocol protocol,
        String mode,
        Optional<String> name,
        Optional<String> appProtocol) {

    public PortMapping {
        if (target < 1 || target > 65535) {
            throw new IllegalArgumentException("invalid port " + target);
        }
        Objects.requireNonNull(published, "published");
        Objects.requireNonNull(hostIp, "hostIp");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(appProtocol, "appProtocol");
    }
}
