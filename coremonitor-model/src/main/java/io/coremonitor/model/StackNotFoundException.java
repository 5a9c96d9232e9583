package io.coremonitor.model;

/** No stack with this id (or this name) exists, or it has been deleted when a live one is required. */
public class StackNotFoundException extends CoreMonitorException {

    private final String stackId;

    public StackNotFoundException(String stackId) {
        this(stackId, "stack not found: " + stackId);
    }

    public StackNotFoundException(String stackId, String message) {
        super(message);
        this.stackId = stackId;
    }

    /** The id (or the name) that was looked up. */
    public String stackId() {
        return stackId;
    }
}
