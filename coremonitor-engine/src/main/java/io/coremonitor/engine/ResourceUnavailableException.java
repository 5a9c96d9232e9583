package io.coremonitor.engine;

import io.coremonitor.model.CoreMonitorException;

/**
 * Thrown by an executor when something it needs outside Core Monitor (the Docker engine) stopped answering while the
 * command ran. The command did not fail on its own: the worker puts it back in the queue (as it does after a crash:
 * with {@link CrashPolicy#RETRY} while attempts are left, otherwise it ends FAILED with this message as its reason)
 * and waits until {@link CommandExecutor#unavailableReason()} is empty again before it starts the next command.
 */
public class ResourceUnavailableException extends CoreMonitorException {

    public ResourceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
