package io.coremonitor.store;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

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
 * @param files         the files sent with the definition ({@code env_file}), by normalized relative path; kept with
 *                      the version and part of its hash
 */
public record NewVersion(String stackId, Optional<String> parentVersion, String createdBy, Optional<String> comment,
        String compose, boolean expectLatest, Map<String, String> files) {

    public NewVersion {
        Objects.requireNonNull(stackId, "stackId");
        Objects.requireNonNull(parentVersion, "parentVersion");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(compose, "compose");
        files = Map.copyOf(new TreeMap<>(files));
        if (expectLatest && parentVersion.isEmpty()) {
            throw new IllegalArgumentException("expectLatest needs a parentVersion");
        }
    }

    /** A version without files. */
    public NewVersion(String stackId, Optional<String> parentVersion, String createdBy, Optional<String> comment,
            String compose, boolean expectLatest) {
        this(stackId, parentVersion, createdBy, comment, compose, expectLatest, Map.of());
    }

    /** A version with no parent check. */
    public static NewVersion of(String stackId, String createdBy, String comment, String compose) {
        return new NewVersion(stackId, Optional.empty(), createdBy, Optional.ofNullable(comment), compose, false);
    }
}
