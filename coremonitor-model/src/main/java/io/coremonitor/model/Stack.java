package io.coremonitor.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The durable identity of a stack (the "git repository" of its versions).
 *
 * @param stackId        unique id
 * @param name           unique, valid stack name (also the prefix of its Docker objects)
 * @param currentVersion the version the stack was last converged to successfully (its desired state)
 * @param latestVersion  the newest version created
 * @param createdAt      creation time
 * @param updatedAt      last change of this row
 * @param deletedAt      when a DELETE_STACK completed; the history is kept for audit
 */
public record Stack(
        String stackId,
        String name,
        Optional<String> currentVersion,
        Optional<String> latestVersion,
        Instant createdAt,
        Instant updatedAt,
        Optional<Instant> deletedAt) {

    public Stack {
        Objects.requireNonNull(stackId, "stackId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(currentVersion, "currentVersion");
        Objects.requireNonNull(latestVersion, "latestVersion");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(deletedAt, "deletedAt");
    }

    public boolean deleted() {
        return deletedAt.isPresent();
    }
}
