package io.coremonitor.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Version;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a Docker engine answers, and which one it is. Never thrown: an unreachable engine is a value.
 *
 * @param host          the address that was asked
 * @param reachable     whether the engine answered a ping and a version request
 * @param serverVersion the engine's version (for example {@code 20.10.24+dfsg1}); empty when unreachable
 * @param apiVersion    the engine's API version (for example {@code 1.41}); empty when unreachable
 * @param error         why the engine is unreachable; empty when reachable
 */
public record DockerHealth(URI host, boolean reachable, Optional<String> serverVersion, Optional<String> apiVersion,
                           Optional<String> error) {

    /** How long {@link #probe(DockerSettings)} waits for the engine by default. */
    public static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(DockerHealth.class);

    public DockerHealth {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(serverVersion, "serverVersion");
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(error, "error");
    }

    /** An engine that answered. */
    public static DockerHealth up(URI host, String serverVersion, String apiVersion) {
        return new DockerHealth(host, true, Optional.ofNullable(serverVersion), Optional.ofNullable(apiVersion), Optional.empty());
    }

    /** An engine that did not answer, and why. */
    public static DockerHealth down(URI host, String error) {
        return new DockerHealth(host, false, Optional.empty(), Optional.empty(), Optional.of(error));
    }

    /** Pings the engine through an existing client (so with that client's timeouts). Never throws. */
    public static DockerHealth check(DockerClient client, URI host) {
        try {
            client.pingCmd().exec();
            Version version = client.versionCmd().exec();
            return up(host, version.getVersion(), version.getApiVersion());
        } catch (RuntimeException e) {
            LOG.debug("Docker engine at {} does not answer", host, e);
            return down(host, DockerFailures.describe(e));
        }
    }

    /** Pings the engine of the settings with a throw-away client, waiting at most {@link #DEFAULT_PROBE_TIMEOUT}. */
    public static DockerHealth probe(DockerSettings settings) {
        return probe(settings, DEFAULT_PROBE_TIMEOUT);
    }

    /** Pings the engine of the settings with a throw-away client, waiting at most about {@code timeout}. Never throws. */
    public static DockerHealth probe(DockerSettings settings, Duration timeout) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(timeout, "timeout");
        DockerSettings bounded = settings.withConnectTimeout(timeout).withResponseTimeout(timeout);
        DockerClient client;
        try {
            client = DockerClients.create(bounded);
        } catch (RuntimeException e) {
            return down(settings.host(), DockerFailures.describe(e));
        }
        try {
            return check(client, settings.host());
        } finally {
            try {
                client.close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("closing the probe client of {} failed", settings.host(), e);
            }
        }
    }

    /** One line for logs and test messages. */
    public String summary() {
        return reachable
            ? "Docker " + serverVersion.orElse("?") + " (API " + apiVersion.orElse("?") + ") at " + host
            : "Docker not reachable at " + host + ": " + error.orElse("unknown reason");
    }
}
