package io.coremonitor.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable snapshot of a stack's definition (the "git commit").
 *
 * @param stackId       the stack
 * @param version       {@code v1}, {@code v2}, ... assigned atomically by the store
 * @param number        the numeric part of {@code version}
 * @param parentVersion the version this one was made from
 * @param metadata      author, time, comment
 * @param compose       the canonical JSON of the definition (see {@link CanonicalJson}); never changes once stored
 * @param composeHash   SHA-256 of {@code compose}, hex; of a version with files, SHA-256 of {@code compose}, a line
 *                      break and the files as a JSON object sorted by path (so that two versions whose files differ
 *                      differ)
 * @param runtime       the Docker ids this version was converged to, when it has been applied
 * @param status        desired/actual state of this version, when it has been applied
 * @param files         the files the definition was made with ({@code env_file}), by normalized relative path; never
 *                      change once stored (the definition already holds what they gave: they are kept as sent)
 */
public record StackVersion(
        String stackId,
        String version,
        long number,
        Optional<String> parentVersion,
        VersionMetadata metadata,
        String compose,
        String composeHash,
        Optional<RuntimeMapping> runtime,
        Optional<VersionStatus> status,
        Map<String, String> files) {

    public StackVersion {
        Objects.requireNonNull(stackId, "stackId");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(parentVersion, "parentVersion");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(compose, "compose");
        Objects.requireNonNull(composeHash, "composeHash");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(status, "status");
        files = ModelCollections.sortedMap(files);
    }

    /** A version without files. */
    public StackVersion(String stackId, String version, long number, Optional<String> parentVersion, VersionMetadata metadata,
            String compose, String composeHash, Optional<RuntimeMapping> runtime, Optional<VersionStatus> status) {
        this(stackId, version, number, parentVersion, metadata, compose, composeHash, runtime, status, Map.of());
    }

    /** The label of version number {@code n}: {@code v<n>}. */
    public static String label(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("version numbers start at 1, got " + n);
        }
        return "v" + n;
    }

    /** The number of a version label such as {@code v12}; refuses anything else. */
    public static long parseLabel(String label) {
        if (label == null || !label.matches("v[1-9][0-9]{0,17}")) {
            throw new IllegalArgumentException("not a version label (expected v1, v2, ...): " + label);
        }
        return Long.parseLong(label.substring(1));
    }
}
