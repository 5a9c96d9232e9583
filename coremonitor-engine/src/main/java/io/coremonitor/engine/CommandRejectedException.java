package io.coremonitor.engine;

import io.coremonitor.model.CoreMonitorException;

/**
 * A write that does not apply to the current state (a deleted stack, a stack with no current version, a service that
 * the current version does not define, ...): nothing was enqueued. A 409 for the REST API.
 */
public class CommandRejectedException extends CoreMonitorException {

    public CommandRejectedException(String message) {
        super(message);
    }
}
