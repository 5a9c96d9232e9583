package io.coremonitor.engine.internal.deploy;

import io.coremonitor.engine.CommandFailedException;

/** Nothing answered an {@link HttpProbe} (connection refused, no bash in the container, timeout, not HTTP...). */
public class ProbeFailedException extends CommandFailedException {

    public ProbeFailedException(String message) {
        super(message);
    }

    public ProbeFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
