package io.coremonitor.engine;

import io.coremonitor.model.CoreMonitorException;

/** Thrown by an executor to fail its command with a reason a person understands. */
public class CommandFailedException extends CoreMonitorException {

    public CommandFailedException(String message) {
        super(message);
    }

    public CommandFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
