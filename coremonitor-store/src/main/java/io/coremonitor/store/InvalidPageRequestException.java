package io.coremonitor.store;

import io.coremonitor.model.CoreMonitorException;

/** A bad {@code limit} or a cursor that this list did not hand out (a 400 for the REST API). */
public class InvalidPageRequestException extends CoreMonitorException {

    public InvalidPageRequestException(String message) {
        super(message);
    }
}
