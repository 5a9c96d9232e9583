package io.coremonitor.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds docker-java clients with the Apache httpclient5 transport. A client is thread-safe and pools its
 * connections: build one per engine and share it; close it when done.
 */
public final class DockerClients {

    /** Connections a client keeps to the engine at most; log and event streams each hold one while open. */
    public static final int MAX_CONNECTIONS = 64;

    private static final Logger LOG = LoggerFactory.getLogger(DockerClients.class);

    private DockerClients() {
    }

    /** A client for the engine named by {@code DOCKER_HOST} (default {@code unix:///var/run/docker.sock}). */
    public static DockerClient fromEnvironment() {
        return create(DockerSettings.fromEnvironment());
    }

    /** A client for the given settings. Nothing is sent to the engine until the first call. */
    public static DockerClient create(DockerSettings settings) {
        return create(settings, UnaryOperator.identity());
    }

    /**
     * The same, its HTTP transport wrapped by {@code transport} (every API call goes through it: the engine times
     * them there).
     */
    public static DockerClient create(DockerSettings settings, UnaryOperator<DockerHttpClient> transport) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(transport, "transport");
        DefaultDockerClientConfig.Builder config = DefaultDockerClientConfig.createDefaultConfigBuilder()
            .withDockerHost(settings.host().toString());
        // Unversioned request paths unless a version is pinned: the engine then speaks its own API version
        // (Debian bookworm's dockerd 20.10 speaks 1.41), as the docker CLI's version negotiation would pick.
        settings.apiVersion().ifPresent(config::withApiVersion);
        DefaultDockerClientConfig clientConfig = config.build();

        ApacheDockerHttpClient.Builder http = new ApacheDockerHttpClient.Builder()
            .dockerHost(clientConfig.getDockerHost())
            .sslConfig(clientConfig.getSSLConfig())
            .maxConnections(MAX_CONNECTIONS)
            .connectionTimeout(settings.connectTimeout());
        settings.responseTimeout().ifPresent(http::responseTimeout);

        LOG.debug("Docker client for {} (API {}, connect timeout {}, response timeout {})", settings.host(),
            settings.apiVersion().orElse("unversioned"), settings.connectTimeout(),
            settings.responseTimeout().map(Object::toString).orElse("none"));
        return DockerClientImpl.getInstance(clientConfig, transport.apply(http.build()));
    }
}
