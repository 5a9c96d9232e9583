package io.coremonitor.model;

/**
 * A compare-and-set status change lost a race: the command was no longer in the status the caller expected
 * (someone else moved it first).
 */
public class CommandStatusConflictException extends CoreMonitorException {

    private final long commandId;
    private final CommandStatus expected;
    private final CommandStatus actual;
    private final CommandStatus target;

    public CommandStatusConflictException(long commandId, CommandStatus expected, CommandStatus actual, CommandStatus target) {
        super("command " + commandId + " cannot move from " + expected + " to " + target + ": it is " + actual + " now");
        this.commandId = commandId;
        this.expected = expected;
        this.actual = actual;
        this.target = target;
    }

    public long commandId() {
        return commandId;
    }

    public CommandStatus expected() {
        return expected;
    }

    public CommandStatus actual() {
        return actual;
    }

    public CommandStatus target() {
        return target;
    }
}
