package io.coremonitor.server.internal;

import io.coremonitor.docker.DockerHealth;
import io.coremonitor.docker.DockerSettings;
import io.coremonitor.model.CoreMonitorException;
import io.coremonitor.server.ConfigException;
import io.coremonitor.server.ServerConfig;
import io.coremonitor.engine.ArtifactSettings;
import io.coremonitor.engine.CoreMonitor;
import io.coremonitor.engine.CrashPolicy;
import io.coremonitor.engine.FailurePolicy;
import io.coremonitor.engine.databases.DatabaseSettings;
import io.coremonitor.engine.secrets.SecretKeySource;
import io.coremonitor.store.Dialect;
import io.coremonitor.store.StoreConfig;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code serve} subcommand: builds one engine (store, Docker, queue policies, the artifact directory), starts its
 * worker and serves the REST API.
 */
public final class ServeCommand {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);
    private static final Duration DOCKER_PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Pattern CURRENT_SCHEMA = Pattern.compile("([?&])currentSchema=([^&]*)&?");

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
        CatalogHolder catalog = CatalogHolder.load(config.catalogDir());
        HostPorts hostPorts = HostPorts.forDocker(config.dockerHost());
        if (!"unix".equals(config.dockerHost().getScheme())) {
            LOG.info("Docker is not a local unix socket: the wizard checks host ports against the other stacks only");
        }
        DockerSettings docker = DockerSettings.defaults().withHost(config.dockerHost());
        CoreMonitor engine = CoreMonitor.builder()
                .store(storeConfig(config.db()).withPoolSize(config.dbPoolSize()))
                .docker(docker)
                .onFailure("continue".equals(config.queueOnFailure()) ? FailurePolicy.CONTINUE : FailurePolicy.HALT)
                .onCrash("fail".equals(config.queueOnCrash()) ? CrashPolicy.FAIL : CrashPolicy.RETRY)
                .maxAttempts(config.queueMaxAttempts())
                .leaseTtl(config.queueLeaseTtl())
                .statsInterval(config.statsInterval())
                .statsRetention(config.statsRetention())
                .selfHeal(config.selfHeal())
                .artifacts(new ArtifactSettings(config.artifactDir(), config.artifactMaxSize()))
                .secretKey(config.secretKey().map(SecretKeySource::base64)
                        .orElseGet(() -> SecretKeySource.inDataDirectory(config.dataDir())))
                .gitDirectory(config.dataDir().resolve("git"))
                .meterRegistry(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
                .build();
        DockerHealth dockerAtStart = DockerHealth.probe(docker, DOCKER_PROBE_TIMEOUT);
        if (dockerAtStart.reachable()) {
            LOG.info("{}", dockerAtStart.summary());
        } else {
            LOG.warn("{}; reads are served, commands that need Docker are refused until it answers",
                    dockerAtStart.summary());
        }
        HttpApi api = new HttpApi(engine, Optional.of(docker), config.token(), config.metricsToken(), HttpApi.DEFAULT_HEARTBEAT,
                catalog, hostPorts, new DatabaseSettings(databaseHost(config.dockerHost()), config.databasePorts(),
                        config.databaseReadyTimeout()), config.gitWebhookSecret());
        Javalin app = api.create();
        try {
            app.start(config.host(), config.port());
        } catch (RuntimeException e) {
            api.close();
            engine.close();
            throw new ConfigException("cannot listen on " + config.host() + ":" + config.port() + ": " + rootMessage(e));
        }
        engine.startWorker();
        engine.startMonitoring();
        engine.git().startPolling(config.gitPollInterval());
        RunningServer running = new RunningServer(app, api, engine);
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "coremonitor-shutdown"));
        LOG.info("Core Monitor listening on http://{}:{}/api/v1", config.host(), app.port());
        return running;
    }

    /**
     * The store of a {@code --db} value. A PostgreSQL URL may name its schema with {@code currentSchema=}: the
     * store then creates it when missing and migrates it (the parameter is taken out of the URL for that).
     */
    static StoreConfig storeConfig(String db) {
        StoreConfig base = StoreConfig.of(db, Clock.systemUTC());
        if (base.dialect() != Dialect.POSTGRESQL) {
            return base;
        }
        Matcher m = CURRENT_SCHEMA.matcher(db);
        if (!m.find()) {
            return base;
        }
        String schema = m.group(2);
        String url = db.substring(0, m.start()) + (m.group(1).equals("?") ? "?" : "") + db.substring(m.end());
        url = url.replace("?&", "?");
        if (url.endsWith("?") || url.endsWith("&")) {
            url = url.substring(0, url.length() - 1);
        }
        return StoreConfig.of(url, Clock.systemUTC()).withSchema(schema);
    }

    /**
     * The host a managed database's published port is reached on: this machine for a local Docker engine (a unix
     * socket), else the Docker host's name.
     */
    static String databaseHost(URI dockerHost) {
        return dockerHost.getHost() != null && !"unix".equals(dockerHost.getScheme()) ? dockerHost.getHost() : "127.0.0.1";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
