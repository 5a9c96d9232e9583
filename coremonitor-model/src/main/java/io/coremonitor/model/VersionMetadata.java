package io.coremonitor.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Who made a version, when, and why. */
public record VersionMetadata(Instant createdAt, String createdBy, Optional<String> comment) {

    public VersionMetadata {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(comment, "comment");
    }
}
