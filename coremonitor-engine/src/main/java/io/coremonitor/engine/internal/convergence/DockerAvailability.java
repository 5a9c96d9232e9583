package io.coremonitor.engine.internal.convergence;

import io.coremonitor.docker.DockerFailures;
import io.coremonitor.docker.DockerOps;
import io.coremonitor.engine.CommandCancelledException;
import io.coremonitor.engine.ResourceUnavailableException;
import java.time.Duration;
import java.util.Optional;

/**
 * Whether the Docker engine answers, in the words a person reads: "Docker is unreachable at HOST: reason". Used
 * before a command starts (the worker waits while it is down) and when a command fails (an outage is not the
 * command's fault: it goes back to the queue).
 */
final class DockerAvailability {

    /** How long to wait before asking again after a server error: a daemon shutting down answers 500 for ~1 s. */
    static final Duration SETTLE = Duration.ofSeconds(2);

    private final DockerOps ops;
    private final String host;
    private final Runnable newConnection;
    private final Duration settle;

    /**
     * @param newConnection opens a connection of its own to the engine's endpoint, or throws
     *     ({@link io.coremonitor.docker.DockerEndpoint#connect}): the client's ping alone can be answered on a pooled
     *     connection by a daemon that no longer accepts new ones
     */
    DockerAvailability(DockerOps ops, String host, Runnable newConnection) {
        this(ops, host, newConnection, SETTLE);
    }

    DockerAvailability(DockerOps ops, String host, Runnable newConnection, Duration settle) {
        this.ops = ops;
        this.host = host;
        this.newConnection = newConnection;
        this.settle = settle;
    }

    /** Empty when the engine accepts a new connection and answers a ping now; otherwise why not. Never throws. */
    Optional<String> unavailableReason() {
        try {
            newConnection.run();
            ops.ping();
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(unreachable(e));
        }
    }

    /**
     * The outage behind a failure, if it was one: the failure is a connection failure, or the engine does not answer
     * a ping now, or the failure is a server error (5xx) and the engine no longer answers a ping {@link #SETTLE} later
     * (a daemon being stopped answers 500 for a moment before its socket goes away). A failure the engine answered
     * while it still answers (a 4xx, a 5xx, a failed health check) is not an outage.
     */
    Optional<ResourceUnavailableException> outage(RuntimeException failure) {
        if (failure instanceof ResourceUnavailableException already) {
            return Optional.of(already);
        }
        if (failure instanceof CommandCancelledException) {
            return Optional.empty();
        }
        Optional<String> down = unavailableReason();
        if (down.isPresent()) {
            return Optional.of(new ResourceUnavailableException(down.get() + during(failure), failure));
        }
        Optional<Throwable> dropped = DockerFailures.connectionCause(failure);
        if (dropped.isPresent()) {
            return Optional.of(new ResourceUnavailableException(unreachable(dropped.get()) + during(failure), failure));
        }
        if (DockerFailures.isServerError(failure) && settled()) {
            Optional<String> stopped = unavailableReason();
            if (stopped.isPresent()) {
                return Optional.of(new ResourceUnavailableException(stopped.get() + during(failure), failure));
            }
        }
        return Optional.empty();
    }

    /** Waits {@link #settle}; false when interrupted (the worker is stopping: no outage is claimed then). */
    private boolean settled() {
        try {
            Thread.sleep(settle.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** What the command was doing, from the failure's first line. */
    private static String during(RuntimeException failure) {
        String m = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage().strip();
        int eol = m.indexOf('\n');
        return " (while: " + (eol < 0 ? m : m.substring(0, eol)) + ")";
    }

    private String unreachable(Throwable e) {
        return "Docker is unreachable at " + host + ": " + DockerFailures.describe(e);
    }
}
