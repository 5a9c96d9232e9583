package io.coremonitor.engine.secrets;

import io.coremonitor.model.CoreMonitorException;

/**
 * The secret key cannot be used: a setting that is not 32 bytes of base64, a key file readable by group or others,
 * unreadable, or not a key. The message says which and what to do, never the key.
 */
public class SecretKeyException extends CoreMonitorException {

    public SecretKeyException(String message) {
        super(message);
    }

    public SecretKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
