package io.coremonitor.server.internal;

import io.coremonitor.docker.DockerHealth;
import io.coremonitor.docker.DockerSettings;
import io.coremonitor.model.CoreMonitorException;
import io.coremonitor.server.ConfigException;
import io.coremonitor.server.ServerConfig;
import io.coremonitor.store.Store;
import io.coremonitor.store.StoreConfig;
import io.javalin.Javalin;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code serve} subcommand: opens the store, connects to Docker and serves the REST API. */
public final class ServeCommand {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);
    private static final Duration DOCKER_PROBE_TIMEOUT = Duration.ofSeconds(2);

    private ServeCommand() {
    }

    /** Runs the server; returns 0 once it listens (it keeps running), or the exit code of a failed start. */
    public static int run(String[] args) {
        return run(args, System.getenv(), System.err);
    }

    static int run(String[] args, Map<String, String> env, PrintStream err) {
        ServerConfig config;
        try {
            config = ServerConfig.parse(Arrays.asList(args), env);
        } catch (ConfigException e) {
            err.println("serve: " + e.getMessage());
            return 2;
        }
        try {
            start(config);
            return 0;
        } catch (CoreMonitorException | IllegalArgumentException | IllegalStateException e) {
            err.println("serve: cannot start: " + e.getMessage());
            return 1;
        }
    }

    /** Starts the server on the given settings; the returned handle stops it. */
    public static RunningServer start(ServerConfig config) {
        if (!config.loopbackOnly() && config.token().isEmpty() && !config.allowInsecure()) {
            throw new ConfigException("refusing to listen on " + config.host() + " without a token: set --token"
                    + " (COREMONITOR_TOKEN), or --allow-insecure to accept anyone on the network driving Docker");
        }
        LOG.info("starting Core Monitor: {}", config.describe());
        Store store = Store.open(StoreConfig.of(config.db(), Clock.systemUTC()));
        DockerSettings docker = DockerSettings.defaults().withHost(config.dockerHost());
        DockerHealth dockerAtStart = DockerHealth.probe(docker, DOCKER_PROBE_TIMEOUT);
        if (dockerAtStart.reachable()) {
            LOG.info("{}", dockerAtStart.summary());
        } else {
            LOG.warn("{}; reads are served, commands that need Docker will fail until it answers", dockerAtStart.summary());
        }
        HttpApi api = new HttpApi(
            () -> store.ping() ? ComponentHealth.up(store.dialect().name().toLowerCase(Locale.ROOT))
                : ComponentHealth.down("database does not answer"),
            () -> {
                DockerHealth h = DockerHealth.probe(docker, DOCKER_PROBE_TIMEOUT);
                return h.reachable() ? ComponentHealth.up(h.serverVersion().orElse("unknown"))
                    : ComponentHealth.down(h.error().orElse("unreachable"));
            });
        Javalin app = api.create(config);
        try {
            app.start(config.host(), config.port());
        } catch (RuntimeException e) {
            store.close();
            throw new ConfigException("cannot listen on " + config.host() + ":" + config.port() + ": " + rootMessage(e));
        }
        RunningServer running = new RunningServer(app, store);
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "coremonitor-shutdown"));
        LOG.info("Core Monitor listening on http://{}:{}/api/v1", config.host(), app.port());
        return running;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
