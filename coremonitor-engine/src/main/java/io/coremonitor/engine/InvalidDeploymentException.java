package io.coremonitor.engine;

import io.coremonitor.model.CoreMonitorException;

/**
 * A deployment request that cannot be carried out (unknown service, a service without x-coremonitor-deploy, an unknown
 * artifact, an artifact its target does not take, a bad path); nothing was enqueued (422).
 */
public class InvalidDeploymentException extends CoreMonitorException {

    public InvalidDeploymentException(String message) {
        super(message);
    }
}
