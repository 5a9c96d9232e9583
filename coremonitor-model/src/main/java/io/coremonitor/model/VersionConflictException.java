package io.coremonitor.model;

import java.util.Optional;

/** A new version was made from a parent that is no longer the latest version of its stack. */
public class VersionConflictException extends CoreMonitorException {

    private final String stackId;
    private final String expectedLatest;
    private final Optional<String> actualLatest;

    public VersionConflictException(String stackId, String expectedLatest, Optional<String> actualLatest) {
        super("stack " + stackId + ": parent version " + expectedLatest + " is not the latest version (latest is "
                + actualLatest.orElse("none") + ")");
        this.stackId = stackId;
        this.expectedLatest = expectedLatest;
        this.actualLatest = actualLatest;
    }

    public String stackId() {
        return stackId;
    }

    public String expectedLatest() {
        return expectedLatest;
    }

    public Optional<String> actualLatest() {
        return actualLatest;
    }
}
