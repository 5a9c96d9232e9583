package io.coremonitor.store;

import java.util.Objects;
import java.util.Optional;

/**
 * A version to create; the store assigns its number and label, its time and the hash of its definition.
 *
 * @param stackId       the stack
 * @param parentVersion the version it was made from; when {@code expectLatest} is set, the store refuses to create
 *                      it unless this is still the latest version
 * @param createdBy     the author
 * @param comment       why
 * @param compose       the canonical JSON of the definition
 * @param expectLatest  refuse with {@link io.coremonitor.model.VersionConflictException} when {@code parentVersion}
 *                      is not (or no longer) the latest version
 */
public record NewVersion(String stackId, Optional<String> parentVersion, String createdBy, Optional<String> comment,
        String compose, boolean expectLatest) {

    public NewVersion {
        Objects.requireNonNull(stackId, "stackId");
        Objects.requireNonNull(parentVersion, "parentVersion");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(compose, "compose");
        if (expectLatest && parentVersion.isEmpty()) {
            throw new IllegalArgumentException("expectLatest needs a parentVersion");
        }
    }

    /** A version with no parent check. */
    public static NewVersion of(String stackId, String createdBy, String comment, String compose) {
        return new NewVersion(stackId, Optional.empty(), createdBy, Optional.ofNullable(comment), compose, false);
    }
}
