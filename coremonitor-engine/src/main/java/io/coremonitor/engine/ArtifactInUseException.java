package io.coremonitor.engine;

import io.coremonitor.model.CoreMonitorException;

/** An artifact a deployment references cannot be deleted (409 for the REST API). */
public class ArtifactInUseException extends CoreMonitorException {

    public ArtifactInUseException(String message) {
        super(message);
    }
}
