package io.coremonitor.engine.secrets;

import io.coremonitor.model.CoreMonitorException;

/** No secret of that name (or none a stack may use). 404 for a REST API. */
public class SecretNotFoundException extends CoreMonitorException {

    public SecretNotFoundException(String message) {
        super(message);
    }
}
