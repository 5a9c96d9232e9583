package io.coremonitor.engine.internal.deploy;

import io.coremonitor.engine.CommandFailedException;

/** A deployment the middleware (or the container) refused, with its own reason. */
public class DeployFailedException extends CommandFailedException {

    public DeployFailedException(String message) {
        super(message);
    }

    public DeployFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
