package io.coremonitor.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Desired and actual state of a version, with the reason when it failed.
 */
public record VersionStatus(StackState desired, StackState actual, Instant lastUpdated, Optional<String> reason) {

    public VersionStatus {
        Objects.requireNonNull(desired, "desired");
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(lastUpdated, "lastUpdated");
        Objects.requireNonNull(reason, "reason");
    }
}
