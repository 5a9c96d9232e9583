package io.coremonitor.docker;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where and how to reach the Docker engine.
 *
 * @param host            the engine's address: {@code unix:///var/run/docker.sock} (default), {@code tcp://host:2375}
 *                        or {@code npipe://...}
 * @param apiVersion      the Engine API version to speak (for example {@code 1.41}); empty = unversioned request
 *                        paths, so the engine answers with its own current API version
 * @param connectTimeout  how long to wait for a connection to the engine
 * @param responseTimeout how long to wait for an answer; empty = no limit, which long-running calls need (log
 *                        follow, events, container wait)
 */
public record DockerSettings(URI host, Optional<String> apiVersion, Duration connectTimeout, Optional<Duration> responseTimeout) {

    /** The engine's default address on Linux. */
    public static final URI DEFAULT_HOST = URI.create("unix:///var/run/docker.sock");
    /** Default connect timeout. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Environment variable naming the engine's address, as the docker CLI reads it. */
    public static final String ENV_DOCKER_HOST = "DOCKER_HOST";
    /** Environment variable pinning the API version, as the docker CLI reads it. */
    public static final String ENV_DOCKER_API_VERSION = "DOCKER_API_VERSION";

    private static final Set<String> SCHEMES = Set.of("unix", "tcp", "npipe");
    private static final Pattern API_VERSION = Pattern.compile("\\d+\\.\\d+");

    public DockerSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(responseTimeout, "responseTimeout");
        checkHost(host);
        apiVersion = apiVersion.map(DockerSettings::normalizeApiVersion);
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive: " + connectTimeout);
        }
        if (responseTimeout.isPresent() && (responseTimeout.get().isNegative() || responseTimeout.get().isZero())) {
            throw new IllegalArgumentException("responseTimeout must be positive: " + responseTimeout.get());
        }
    }

    /** Default socket, unversioned API, default connect timeout, no response timeout. */
    public static DockerSettings defaults() {
        return new DockerSettings(DEFAULT_HOST, Optional.empty(), DEFAULT_CONNECT_TIMEOUT, Optional.empty());
    }

    /** Settings from this process's environment ({@code DOCKER_HOST}, {@code DOCKER_API_VERSION}). */
    public static DockerSettings fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * Settings from the given environment: {@code DOCKER_HOST} (blank or absent = {@link #DEFAULT_HOST}) and
     * {@code DOCKER_API_VERSION} (blank or absent = unversioned).
     *
     * @throws IllegalArgumentException naming the variable when a value is malformed
     */
    public static DockerSettings fromEnvironment(Map<String, String> env) {
        DockerSettings settings = defaults();
        String host = env.get(ENV_DOCKER_HOST);
        if (host != null && !host.isBlank()) {
            try {
                settings = settings.withHost(parseHost(host.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(ENV_DOCKER_HOST + ": " + e.getMessage(), e);
            }
        }
        String version = env.get(ENV_DOCKER_API_VERSION);
        if (version != null && !version.isBlank()) {
            try {
                settings = settings.withApiVersion(version.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(ENV_DOCKER_API_VERSION + ": " + e.getMessage(), e);
            }
        }
        return settings;
    }

    /** Parses an engine address such as {@code unix:///var/run/docker.sock} or {@code tcp://127.0.0.1:2375}. */
    public static URI parseHost(String value) {
        Objects.requireNonNull(value, "value");
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid Docker host URI: '" + value + "' (" + e.getReason() + ")", e);
        }
        checkHost(uri);
        return uri;
    }

    public DockerSettings withHost(URI newHost) {
        return new DockerSettings(newHost, apiVersion, connectTimeout, responseTimeout);
    }

    /** A pinned API version such as {@code 1.41} (a leading {@code v} is accepted); {@code null} = unversioned. */
    public DockerSettings withApiVersion(String version) {
        return new DockerSettings(host, Optional.ofNullable(version), connectTimeout, responseTimeout);
    }

    public DockerSettings withConnectTimeout(Duration timeout) {
        return new DockerSettings(host, apiVersion, timeout, responseTimeout);
    }

    /** A response timeout; {@code null} = no limit. */
    public DockerSettings withResponseTimeout(Duration timeout) {
        return new DockerSettings(host, apiVersion, connectTimeout, Optional.ofNullable(timeout));
    }

    private static void checkHost(URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null || !SCHEMES.contains(scheme)) {
            throw new IllegalArgumentException("unsupported Docker host '" + uri + "': expected unix://, tcp:// or npipe://");
        }
        if ("unix".equals(scheme) && (uri.getPath() == null || uri.getPath().isEmpty())) {
            throw new IllegalArgumentException("Docker host '" + uri + "' names no socket path (expected unix:///path/to/docker.sock)");
        }
        if ("tcp".equals(scheme) && (uri.getHost() == null || uri.getPort() < 0)) {
            throw new IllegalArgumentException("Docker host '" + uri + "' needs a host and a port (expected tcp://host:port)");
        }
    }

    private static String normalizeApiVersion(String version) {
        String v = version.strip();
        if (v.startsWith("v")) {
            v = v.substring(1);
        }
        if (!API_VERSION.matcher(v).matches()) {
            throw new IllegalArgumentException("not a Docker API version: '" + version + "' (expected MAJOR.MINOR, e.g. 1.41)");
        }
        return v;
    }
}
