package io.coremonitor.engine.internal.convergence;

import io.coremonitor.engine.CommandFailedException;

/** A service that did not come up: which one, why, and the end of its log. */
final class ServiceFailure extends CommandFailedException {

    private final String service;
    private final String reason;
    private final String logTail;

    ServiceFailure(String service, String reason, String logTail) {
        this(service, reason, logTail, null);
    }

    /** With the Docker error behind it ({@code null} when there is none), so an outage can be told from a failure. */
    ServiceFailure(String service, String reason, String logTail, Throwable cause) {
        super("service '" + service + "' failed: " + reason + (logTail.isBlank() ? "" : "; last log lines:\n" + logTail.strip()),
            cause);
        this.service = service;
        this.reason = reason;
        this.logTail = logTail;
    }

    String service() {
        return service;
    }

    String reason() {
        return reason;
    }

    String logTail() {
        return logTail;
    }
}
