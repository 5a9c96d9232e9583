package io.coremonitor.engine;

import io.coremonitor.model.CoreMonitorException;

/** An upload larger than the artifact size limit; nothing was stored (413 for the REST API). */
public class ArtifactTooLargeException extends CoreMonitorException {

    public ArtifactTooLargeException(String message) {
        super(message);
    }
}
