package io.coremonitor.engine.secrets;

import io.coremonitor.model.CoreMonitorException;

/**
 * A stored secret does not decrypt: its ciphertext, nonce or name was altered in the database (AES-GCM's
 * authentication failed), or it was encrypted with another key. Never carries the value.
 */
public class SecretDecryptionException extends CoreMonitorException {

    public SecretDecryptionException(String message) {
        super(message);
    }
}
