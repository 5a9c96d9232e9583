package io.coremonitor.engine;

import io.coremonitor.model.CoreMonitorException;

/** An artifact that is not stored (404 for the REST API). */
public class ArtifactNotFoundException extends CoreMonitorException {

    public ArtifactNotFoundException(String message) {
        super(message);
    }
}
