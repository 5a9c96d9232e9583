package io.coremonitor.engine.secrets;

import io.coremonitor.model.CoreMonitorException;

/** A secret of that name exists already (409 for a REST API). The message names the secret, never a value. */
public class DuplicateSecretException extends CoreMonitorException {

    public DuplicateSecretException(String name) {
        super("a secret named '" + name + "' exists already");
    }
}
