package io.coremonitor.engine;

import io.coremonitor.model.CoreMonitorException;

/** An upload that is not a usable archive (empty, unreadable, or of a type no target takes); nothing was stored (422). */
public class InvalidArtifactException extends CoreMonitorException {

    public InvalidArtifactException(String message) {
        super(message);
    }
}
