package io.coremonitor.docker;

import com.github.dockerjava.api.exception.DockerException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tells a Docker engine that went away from one that answered with an error.
 *
 * <p>docker-java turns an HTTP error answer into a {@code DockerException} (404, 409, 500, ...): the engine answered.
 * When it cannot talk to the engine at all (socket missing, connection refused or reset, broken pipe, no answer
 * within the timeout), the transport fails with an {@link IOException}, usually wrapped in a plain
 * {@code RuntimeException}. That is a connection failure.
 */
public final class DockerFailures {

    private static final int MAX_DEPTH = 12;

    private DockerFailures() {
    }

    /** True when an {@link IOException} (or a native socket error) is in the cause chain: Docker was not reached. */
    public static boolean isConnectionFailure(Throwable error) {
        return connectionCause(error).isPresent();
    }

    /** The outermost {@link IOException} (or native socket error) of the cause chain, if there is one. */
    public static Optional<Throwable> connectionCause(Throwable error) {
        int depth = 0;
        for (Throwable t = error; t != null && depth < MAX_DEPTH; t = t.getCause(), depth++) {
            if (t instanceof IOException || t.getClass().getName().equals("com.sun.jna.LastErrorException")) {
                return Optional.of(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    /**
     * True when the engine answered with a server error (HTTP 5xx) somewhere in the cause chain. A daemon that is
     * shutting down answers that way for about a second before its socket goes away, so such a failure is worth a
     * second look a moment later.
     */
    public static boolean isServerError(Throwable error) {
        int depth = 0;
        for (Throwable t = error; t != null && depth < MAX_DEPTH; t = t.getCause(), depth++) {
            if (t instanceof DockerException d && d.getHttpStatus() >= 500) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * The failure and its causes on one line, outermost first: {@code Type: message; caused by Type: message}. A cause
     * whose message the previous one already holds is left out, so wrapped exceptions do not read twice.
     */
    public static String describe(Throwable error) {
        List<String> parts = new ArrayList<>();
        String previous = null;
        int depth = 0;
        for (Throwable t = error; t != null && depth < MAX_DEPTH; t = t.getCause(), depth++) {
            String message = t.getMessage() == null ? "" : t.getMessage().strip();
            if (previous != null && !message.isEmpty() && previous.contains(message)) {
                continue;
            }
            parts.add(t.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message));
            previous = message;
            if (t.getCause() == t) {
                break;
            }
        }
        return String.join("; caused by ", parts);
    }
}
