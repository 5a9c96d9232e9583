package io.coremonitor.server;

import io.coremonitor.engine.CoreMonitor;
import io.coremonitor.server.internal.RunningServer;
import io.coremonitor.server.internal.ServeCommand;
import java.net.URI;

/**
 * The REST server embedded in a JVM application: what {@code coremonitor-server.jar serve} starts, on a
 * {@link ServerConfig}, in this process.
 *
 * <pre>{@code
 * ServerConfig config = ServerConfig.parse(List.of("--port", "0", "--db", "data/cm.db"), Map.of());
 * try (CoreMonitorServer server = CoreMonitorServer.start(config)) {
 *     URI api = server.apiUrl(); // http://127.0.0.1:<port>/api/v1
 * }
 * }</pre>
 *
 * <p>{@link #start} builds the engine (store, Docker, queue policies), listens, then starts the queue worker and the
 * monitoring. {@link #close()} stops HTTP (and its streams) first, then the engine; it is idempotent and also runs
 * at JVM shutdown.
 */
public final class CoreMonitorServer implements AutoCloseable {

    private final RunningServer running;
    private final String host;

    private CoreMonitorServer(RunningServer running, String host) {
        this.running = running;
        this.host = host;
    }

    /**
     * Starts a server on these settings ({@code --port 0} picks a free port).
     *
     * @throws ConfigException when it cannot listen, or would listen beyond loopback without a token
     */
    public static CoreMonitorServer start(ServerConfig config) {
        return new CoreMonitorServer(ServeCommand.start(config), config.host());
    }

    /** The port it listens on (the one chosen when the config said 0). */
    public int port() {
        return running.port();
    }

    /**
     * Where it answers: {@code http://HOST:PORT}, with the loopback address for a server listening on every
     * interface.
     */
    public URI baseUrl() {
        String h = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return URI.create("http://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + port());
    }

    /** The REST API's root: {@code http://HOST:PORT/api/v1}. */
    public URI apiUrl() {
        return URI.create(baseUrl() + "/api/v1");
    }

    /** The engine the server drives (its services, queue state and monitoring). */
    public CoreMonitor engine() {
        return running.engine();
    }

    /** Stops HTTP and its streams, then the engine (the worker lets a running command finish up to its timeout). */
    @Override
    public void close() {
        running.close();
    }
}
