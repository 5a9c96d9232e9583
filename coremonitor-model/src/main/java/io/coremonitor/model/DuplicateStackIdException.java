package io.coremonitor.model;

/** A stack (live or deleted) already has this id. */
public class DuplicateStackIdException extends CoreMonitorException {

    private final String stackId;

    public DuplicateStackIdException(String stackId) {
        super("a stack with id '" + stackId + "' already exists");
        this.stackId = stackId;
    }

    public String stackId() {
        return stackId;
    }
}
