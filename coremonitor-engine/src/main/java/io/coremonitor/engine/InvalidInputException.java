package io.coremonitor.engine;

import io.coremonitor.model.CoreMonitorException;

/** Input refused for one of its fields; nothing was changed (422 for a REST API, the field as the error's path). */
public abstract class InvalidInputException extends CoreMonitorException {

    private final String field;

    /**
     * @param field   the request field it is about
     * @param message what is wrong and how to fix it
     */
    protected InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The request field this refusal is about (a problem's error path). */
    public String field() {
        return field;
    }
}
