package io.coremonitor.engine.secrets;

import io.coremonitor.model.CoreMonitorException;

/** A secret that cannot be stored as given: a name outside the rule, a value too large. 422 for a REST API. */
public class InvalidSecretException extends CoreMonitorException {

    private final String field;

    /**
     * @param field   what it is about: {@code name} or {@code value}
     * @param message what is wrong; it never holds a value
     */
    public InvalidSecretException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** What this refusal is about ({@code name} or {@code value}): a problem's error path. */
    public String field() {
        return field;
    }
}
