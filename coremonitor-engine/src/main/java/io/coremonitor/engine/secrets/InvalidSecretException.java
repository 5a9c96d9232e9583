package io.coremonitor.engine.secrets;

import io.coremonitor.engine.InvalidInputException;

/** A secret that cannot be stored as given: a name outside the rule, a value too large, an unknown stack (422). */
public class InvalidSecretException extends InvalidInputException {

    /**
     * @param field   what it is about: {@code name}, {@code value} or {@code stack}
     * @param message what is wrong; it never holds a value
     */
    public InvalidSecretException(String field, String message) {
        super(field, message);
    }
}
