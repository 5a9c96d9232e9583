package io.coremonitor.store;

import io.coremonitor.model.Page;
import io.coremonitor.model.RuntimeMapping;
import io.coremonitor.model.StackVersion;
import io.coremonitor.model.VersionNotFoundException;
import io.coremonitor.model.VersionStatus;
import java.util.Optional;

/**
 * Immutable versions of a stack. Numbers are assigned atomically ({@code v1}, {@code v2}, ... with no gap and no
 * duplicate, whatever the concurrency); a stored definition is never updated (the database refuses it too).
 */
public interface StackVersionRepository {

    /**
     * Creates the next version of a live stack and makes it the stack's latest version.
     *
     * @throws io.coremonitor.model.StackNotFoundException  when the stack does not exist or is deleted
     * @throws io.coremonitor.model.VersionConflictException when {@link NewVersion#expectLatest()} fails
     */
    StackVersion create(NewVersion version);

    /**
     * Like {@link #create} but creates nothing when the definition equals the latest version's (same hash): then
     * the latest version is returned with {@code created == false}.
     */
    VersionCreation createIfChanged(NewVersion version);

    Optional<StackVersion> get(String stackId, String version);

    /** A version, or {@link VersionNotFoundException}. */
    default StackVersion getOrThrow(String stackId, String version) {
        return get(stackId, version).orElseThrow(() -> new VersionNotFoundException(stackId, version));
    }

    /** The newest version of a stack. */
    Optional<StackVersion> latest(String stackId);

    /** Versions of a stack, newest first. */
    Page<StackVersion> list(String stackId, PageRequest page);

    /** Records the Docker objects a version was converged to. */
    StackVersion updateRuntime(String stackId, String version, RuntimeMapping runtime);

    /** Records the desired/actual state of a version. */
    StackVersion updateStatus(String stackId, String version, VersionStatus status);
}
