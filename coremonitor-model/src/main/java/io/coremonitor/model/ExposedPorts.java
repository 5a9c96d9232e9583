package io.coremonitor.model;

import java.util.Objects;

/**
 * One {@code expose} entry: container ports opened without publishing them.
 *
 * @param ports    the port or range ({@code 3000}, {@code 3000-3005})
 * @param protocol tcp when not written
 * @param spelling the entry as written, protocol lower-cased ({@code 53/udp}); the canonical form writes it unchanged so
 *                 that the hashes of stored versions stay what they were
 */
public record ExposedPorts(PortRange ports, Protocol protocol, String spelling) {

    public ExposedPorts {
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(spelling, "spelling");
    }
}
