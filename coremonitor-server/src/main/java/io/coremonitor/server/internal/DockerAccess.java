package io.coremonitor.server.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import io.coremonitor.docker.DockerFailures;
import io.coremonitor.docker.DockerHealth;
import io.coremonitor.docker.DockerSettings;
import io.coremonitor.engine.CoreMonitor;
import io.coremonitor.engine.DockerNotConfiguredException;
import io.coremonitor.engine.StackInspector;
import io.coremonitor.model.CoreMonitorException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The server's way to Docker. Reads that need Docker (status, containers, plan, service logs) answer 503 with
 * "Docker is unreachable at ..." when it does not answer; write commands that need Docker (APPLY, ROLLBACK, DELETE,
 * RUNTIME_ACTION) are refused the same way before they are enqueued, with a quick probe whose answer is kept a
 * couple of seconds.
 */
final class DockerAccess {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final long PROBE_CACHE_NANOS = Duration.ofSeconds(2).toNanos();

    private final CoreMonitor engine;
    private final Optional<DockerSettings> settings;
    private StackInspector inspector;
    private DockerHealth lastProbe;
    private long lastProbeAt;

    DockerAccess(CoreMonitor engine, Optional<DockerSettings> settings) {
        this.engine = engine;
        this.settings = settings;
    }

    boolean configured() {
        return settings.isPresent();
    }

    String host() {
        return settings.map(s -> s.host().toString()).orElse("(not configured)");
    }

    /** A fresh probe, never cached (for /health). */
    DockerHealth probe() {
        if (settings.isEmpty()) {
            return DockerHealth.down(java.net.URI.create("unix:///none"), "Docker is not configured");
        }
        DockerHealth h = DockerHealth.probe(settings.get(), PROBE_TIMEOUT);
        synchronized (this) {
            lastProbe = h;
            lastProbeAt = System.nanoTime();
        }
        return h;
    }

    /** Refuses (503) when Docker does not answer now. */
    void requireReachable() {
        if (settings.isEmpty()) {
            throw new ServiceUnavailableException("Docker is not configured on this server: this command needs it");
        }
        DockerHealth h;
        synchronized (this) {
            h = lastProbe != null && System.nanoTime() - lastProbeAt < PROBE_CACHE_NANOS ? lastProbe : null;
        }
        if (h == null) {
            h = probe();
        }
        if (!h.reachable()) {
            throw new ServiceUnavailableException("Docker is unreachable at " + host() + ": "
                    + h.error().orElse("no answer") + " (the command was not enqueued)");
        }
    }

    DockerClient client() {
        if (settings.isEmpty()) {
            throw new ServiceUnavailableException("Docker is not configured on this server");
        }
        return engine.docker();
    }

    synchronized StackInspector inspector() {
        if (inspector == null) {
            inspector = StackInspector.create(engine.store(), client(), engine.clock());
        }
        return inspector;
    }

    /**
     * Runs a Docker read; a failure to reach Docker or an error Docker answered becomes a 503 (domain exceptions pass
     * through; any other exception is a defect of ours and stays one: a 500, logged with its stack).
     */
    <T> T call(Supplier<T> read) {
        try {
            return read.get();
        } catch (CoreMonitorException | ServiceUnavailableException | BadRequestException e) {
            throw e;
        } catch (DockerNotConfiguredException e) {
            throw new ServiceUnavailableException("Docker is not configured on this server", e);
        } catch (DockerException | UncheckedIOException e) {
            throw new ServiceUnavailableException("Docker is unreachable at " + host() + ": " + describe(e), e);
        } catch (RuntimeException e) {
            if (DockerFailures.isConnectionFailure(e)) {
                throw new ServiceUnavailableException("Docker is unreachable at " + host() + ": " + describe(e), e);
            }
            throw e;
        }
    }

    static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m.strip());
    }
}
