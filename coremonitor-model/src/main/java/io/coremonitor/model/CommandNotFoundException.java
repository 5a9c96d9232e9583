package io.coremonitor.model;

/** No command with this id exists. */
public class CommandNotFoundException extends CoreMonitorException {

    private final long commandId;

    public CommandNotFoundException(long commandId) {
        super("command not found: " + commandId);
        this.commandId = commandId;
    }

    public long commandId() {
        return commandId;
    }
}
