package io.coremonitor.model;

/** The stack exists but has no such version. */
public class VersionNotFoundException extends CoreMonitorException {

    private final String stackId;
    private final String version;

    public VersionNotFoundException(String stackId, String version) {
        super("version " + version + " of stack " + stackId + " not found");
        this.stackId = stackId;
        this.version = version;
    }

    public String stackId() {
        return stackId;
    }

    public String version() {
        return version;
    }
}
