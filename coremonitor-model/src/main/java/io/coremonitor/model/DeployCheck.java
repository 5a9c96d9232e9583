package io.coremonitor.model;

import java.util.Objects;

/**
 * The HTTP check that decides that a deployment succeeded: a GET of {@code path} on the service's deploy port, from
 * inside its container, must answer {@code status}. When {@code status} is 0 any 2xx or 3xx answer passes.
 *
 * @param path   absolute request path, for example {@code /app/health}
 * @param status the expected status, or 0 for any 2xx or 3xx
 */
public record DeployCheck(String path, int status) {

    /** {@code status} meaning "any 2xx or 3xx". */
    public static final int ANY_SUCCESS = 0;

    public DeployCheck {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ' || c == 127)) {
            throw new IllegalArgumentException("a check path is absolute, without spaces or control characters: " + path);
        }
        if (status != ANY_SUCCESS && (status < 100 || status > 599)) {
            throw new IllegalArgumentException("a check status is an HTTP status (100 to 599), got " + status);
        }
    }

    /** Whether an answer with this status passes. */
    public boolean passes(int answered) {
        return status == ANY_SUCCESS ? answered >= 200 && answered < 400 : answered == status;
    }
}
