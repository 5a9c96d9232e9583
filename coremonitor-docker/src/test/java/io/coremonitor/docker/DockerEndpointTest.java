package io.coremonitor.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerEndpointTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    @Test
    void aListeningUnixSocketAcceptsAndAMissingOneIsAConnectionFailure() throws IOException {
        Path sock = dir.resolve("d.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sock));
            assertThatCode(() -> DockerEndpoint.connect(URI.create("unix://" + sock), TIMEOUT)).doesNotThrowAnyException();
        }
        Files.deleteIfExists(sock);
        assertThatThrownBy(() -> DockerEndpoint.connect(URI.create("unix://" + sock), TIMEOUT))
            .isInstanceOf(UncheckedIOException.class)
            .hasMessageContaining("no new connection to unix://" + sock)
            .satisfies(e -> assertThat(DockerFailures.isConnectionFailure(e)).isTrue());
    }

    @Test
    void aListeningTcpPortAcceptsAndAClosedOneIsRefused() throws IOException {
        int port;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = server.getLocalPort();
            assertThatCode(() -> DockerEndpoint.connect(URI.create("tcp://127.0.0.1:" + server.getLocalPort()), TIMEOUT))
                .doesNotThrowAnyException();
        }
        assertThatThrownBy(() -> DockerEndpoint.connect(URI.create("tcp://127.0.0.1:" + port), TIMEOUT))
            .isInstanceOf(UncheckedIOException.class)
            .satisfies(e -> assertThat(DockerFailures.isConnectionFailure(e)).isTrue());
    }

    @Test
    void otherSchemesAreNotProbed() {
        assertThatCode(() -> DockerEndpoint.connect(URI.create("npipe:////./pipe/docker_engine"), TIMEOUT))
            .doesNotThrowAnyException();
    }

    /**
     * Why the probe exists: a daemon that stopped accepting connections (socket removed, as dockerd does first when it
     * shuts down) still answers the client's ping on the connection the client pooled. Only a new connection tells.
     */
    @Test
    void aPooledConnectionStillAnswersAPingAfterTheDaemonStoppedAcceptingButTheProbeTells() throws Exception {
        Path sock = dir.resolve("dying.sock");
        URI host = URI.create("unix://" + sock);
        try (PingOnlyDaemon daemon = new PingOnlyDaemon(sock);
             DockerClient client = DockerClients.create(DockerSettings.defaults().withHost(host)
                 .withConnectTimeout(TIMEOUT).withResponseTimeout(TIMEOUT))) {
            client.pingCmd().exec();
            DockerEndpoint.connect(host, TIMEOUT);

            daemon.stopAccepting();

            client.pingCmd().exec();
            assertThatThrownBy(() -> DockerEndpoint.connect(host, TIMEOUT)).isInstanceOf(UncheckedIOException.class);
        }
    }

    /** Answers {@code 200 OK} to every request, keeping connections alive; can stop accepting new ones. */
    private static final class PingOnlyDaemon implements AutoCloseable {

        private final Path sock;
        private final ServerSocketChannel server;
        private final List<SocketChannel> connections = new CopyOnWriteArrayList<>();
        private final Thread acceptor;

        PingOnlyDaemon(Path sock) throws IOException {
            this.sock = sock;
            this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(sock));
            acceptor = new Thread(this::accept, "ping-only-daemon");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void accept() {
            while (server.isOpen()) {
                try {
                    SocketChannel c = server.accept();
                    connections.add(c);
                    Thread t = new Thread(() -> serve(c), "ping-only-connection");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private static void serve(SocketChannel c) {
            ByteBuffer in = ByteBuffer.allocate(8192);
            StringBuilder request = new StringBuilder();
            try {
                while (c.read(in) >= 0) {
                    in.flip();
                    request.append(StandardCharsets.ISO_8859_1.decode(in));
                    in.clear();
                    int end;
                    while ((end = request.indexOf("\r\n\r\n")) >= 0) {
                        request.delete(0, end + 4);
                        c.write(ByteBuffer.wrap(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n"
                            + "Api-Version: 1.41\r\n\r\nOK").getBytes(StandardCharsets.ISO_8859_1)));
                    }
                }
            } catch (IOException e) {
                // the connection or the daemon closed
            }
        }

        /** Like dockerd shutting down: the socket goes away, the connections it holds keep being served. */
        void stopAccepting() throws IOException {
            server.close();
            Files.deleteIfExists(sock);
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (SocketChannel c : connections) {
                c.close();
            }
            Files.deleteIfExists(sock);
        }
    }
}
