package io.coremonitor.docker;

import java.time.Duration;
import java.util.List;

/**
 * Thrown by {@link DockerOps#exec} when the command did not end within its timeout. The stream was closed; Docker has
 * no way to kill an exec'd process, so it may still run in the container.
 */
public final class ExecTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ExecTimeoutException(String containerId, List<String> command, Duration timeout) {
        super("command " + command + " in container " + shortId(containerId) + " did not end within " + timeout.toMillis() + " ms");
    }

    private static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
