package io.coremonitor.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Whether the engine's endpoint accepts a new connection now. A docker-java client keeps connections open and reuses
 * them, so a ping through it can still be answered by a daemon that is shutting down: it has removed its socket and
 * accepts no new connection, but still serves the ones it holds. Opening a connection of one's own tells.
 */
public final class DockerEndpoint {

    /** The port of {@code tcp://host} without one, as the docker CLI reads it. */
    public static final int DEFAULT_TCP_PORT = 2375;

    private DockerEndpoint() {
    }

    /**
     * Opens a new connection to the endpoint of {@code host} ({@code unix://} socket or {@code tcp://} address) and
     * closes it at once; nothing is sent. Other schemes are not probed (returns at once).
     *
     * @throws UncheckedIOException when the endpoint does not accept the connection within {@code timeout} (its cause
     *     is the {@link IOException}, so {@link DockerFailures#isConnectionFailure} holds)
     */
    public static void connect(URI host, Duration timeout) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(timeout, "timeout");
        String scheme = host.getScheme() == null ? "" : host.getScheme().toLowerCase(Locale.ROOT);
        try {
            switch (scheme) {
                case "unix" -> connectUnix(host.getPath());
                case "tcp", "http", "https" -> connectTcp(host, timeout);
                default -> {
                    // npipe:// and ssh:// are reached through other transports: nothing to probe here
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("no new connection to " + host + ": " + e.getMessage(), e);
        }
    }

    private static void connectUnix(String path) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(path));
        }
    }

    private static void connectTcp(URI host, Duration timeout) throws IOException {
        int port = host.getPort() > 0 ? host.getPort() : DEFAULT_TCP_PORT;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host.getHost(), port), (int) Math.max(1, Math.min(Integer.MAX_VALUE,
                timeout.toMillis())));
        }
    }
}
