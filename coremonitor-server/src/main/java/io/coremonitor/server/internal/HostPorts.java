package io.coremonitor.server.internal;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The TCP ports in use on the host Docker publishes ports on, for the wizard's host port check. Knowable only when that
 * host is this one: Docker reached through a local unix socket (then {@link ListeningPorts} reads this machine's
 * listening sockets); for a remote Docker host nothing is known and nothing is reported.
 */
@FunctionalInterface
interface HostPorts {

    /** The ports something listens on now (empty when unknown). */
    Set<Integer> inUse();

    /** Nothing known: Docker is remote (or not configured). */
    static HostPorts unknown() {
        return Set::of;
    }

    /** The host ports for a server driving Docker at {@code dockerHost}: read from /proc for a unix socket only. */
    static HostPorts forDocker(URI dockerHost) {
        return "unix".equals(dockerHost.getScheme())
                ? new ListeningPorts(List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"))) : unknown();
    }
}
