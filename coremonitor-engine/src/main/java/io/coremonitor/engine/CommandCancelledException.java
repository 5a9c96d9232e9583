package io.coremonitor.engine;

import io.coremonitor.model.CoreMonitorException;

/** Thrown by an executor that honoured a cancel request: the command ends CANCELLED. */
public class CommandCancelledException extends CoreMonitorException {

    public CommandCancelledException(String message) {
        super(message);
    }
}
