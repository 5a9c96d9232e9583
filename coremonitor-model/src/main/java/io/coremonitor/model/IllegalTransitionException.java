package io.coremonitor.model;

/** A command status change that the state machine does not allow. */
public class IllegalTransitionException extends CoreMonitorException {

    private final long commandId;
    private final CommandStatus from;
    private final CommandStatus to;

    public IllegalTransitionException(long commandId, CommandStatus from, CommandStatus to) {
        super("command " + commandId + " cannot move from " + from + " to " + to
                + (from.next().isEmpty() ? " (" + from + " is final)" : " (allowed: " + from.next() + ")"));
        this.commandId = commandId;
        this.from = from;
        this.to = to;
    }

    public long commandId() {
        return commandId;
    }

    public CommandStatus from() {
        return from;
    }

    public CommandStatus to() {
        return to;
    }
}
