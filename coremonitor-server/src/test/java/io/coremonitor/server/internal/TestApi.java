package io.coremonitor.server.internal;

import io.coremonitor.docker.DockerSettings;
import io.coremonitor.engine.ArtifactSettings;
import io.coremonitor.engine.CoreMonitor;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** An in-process API on a SQLite file, without Docker unless given; the worker is not started. */
final class TestApi implements AutoCloseable {

    final CoreMonitor engine;
    final HttpApi api;
    final Javalin app;
    final ApiClient client;

    TestApi(Path dir, Optional<String> token, Optional<DockerSettings> docker) {
        this(dir, token, Optional.empty(), docker);
    }

    TestApi(Path dir, Optional<String> token, Optional<String> metricsToken, Optional<DockerSettings> docker) {
        this(dir, token, metricsToken, docker, ArtifactSettings.DEFAULT_MAX_SIZE);
    }

    /** With artifacts in {@code dir/artifacts} up to {@code artifactMaxSize} bytes. */
    TestApi(Path dir, Optional<String> token, Optional<String> metricsToken, Optional<DockerSettings> docker,
            long artifactMaxSize) {
        this(dir, token, metricsToken, docker, artifactMaxSize, CatalogHolder.load(Optional.empty()), HostPorts.unknown());
    }

    /** With this catalog, and these ports in use on the host. */
    TestApi(Path dir, Optional<String> token, Optional<String> metricsToken, Optional<DockerSettings> docker,
            long artifactMaxSize, CatalogHolder catalog, HostPorts hostPorts) {
        CoreMonitor.Builder b = CoreMonitor.builder().sqlite(dir.resolve("cm.db")).pollInterval(Duration.ofMillis(50))
                .artifacts(new ArtifactSettings(dir.resolve("artifacts"), artifactMaxSize))
                .meterRegistry(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        docker.ifPresent(b::docker);
        engine = b.build();
        api = new HttpApi(engine, docker, token, metricsToken, Duration.ofMillis(100), catalog, hostPorts);
        app = api.create().start("127.0.0.1", 0);
        client = new ApiClient("http://127.0.0.1:" + app.port() + "/api/v1", token);
    }

    /**
     * Docker configured at a socket that does not exist (every Docker call fails), the built-in catalog, and a host
     * that listens on 8081 and nothing else.
     */
    static TestApi withUnreachableDocker(Path dir) {
        return new TestApi(dir, Optional.empty(), Optional.empty(),
                Optional.of(DockerSettings.defaults().withHost(java.net.URI.create("unix://" + dir.resolve("no-docker.sock")))),
                ArtifactSettings.DEFAULT_MAX_SIZE, CatalogHolder.load(Optional.empty()), () -> java.util.Set.of(8081));
    }

    static TestApi start(Path dir) {
        return new TestApi(dir, Optional.empty(), Optional.empty());
    }

    ApiClient as(Optional<String> token) {
        return new ApiClient("http://127.0.0.1:" + app.port() + "/api/v1", token);
    }

    @Override
    public void close() {
        api.close();
        app.stop();
        engine.close();
    }
}
