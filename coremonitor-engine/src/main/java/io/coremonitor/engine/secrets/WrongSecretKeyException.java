package io.coremonitor.engine.secrets;

import io.coremonitor.model.CoreMonitorException;

/**
 * The secret key the engine was given is not the one the database's secrets were encrypted with (or it is missing):
 * the engine refuses to start rather than decrypt garbage. The message gives both key ids, never a key.
 */
public class WrongSecretKeyException extends CoreMonitorException {

    public WrongSecretKeyException(String message) {
        super(message);
    }
}
