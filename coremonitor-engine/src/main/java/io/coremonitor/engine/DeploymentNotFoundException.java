package io.coremonitor.engine;

import io.coremonitor.model.CoreMonitorException;

/** A stack has no deployment with that number (404 for the REST API). */
public class DeploymentNotFoundException extends CoreMonitorException {

    public DeploymentNotFoundException(String message) {
        super(message);
    }
}
