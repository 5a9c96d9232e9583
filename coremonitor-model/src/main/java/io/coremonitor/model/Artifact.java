package io.coremonitor.model;

import java.time.Instant;
import java.util.Objects;

/**
 * An uploaded application artifact (a WAR, an EAR or a static site archive), content-addressed: the same bytes
 * uploaded twice are one artifact, known by the name and uploader of the first upload.
 *
 * @param sha256    the SHA-256 of its bytes, lower-case hex: its identity
 * @param name      the file name it was uploaded as (for example {@code shop-1.4.war})
 * @param size      its size in bytes
 * @param mediaType {@code application/java-archive} (war, ear, jar), {@code application/zip} or {@code application/gzip}
 * @param createdAt when it was first uploaded
 * @param createdBy who uploaded it first
 */
public record Artifact(String sha256, String name, long size, String mediaType, Instant createdAt, String createdBy) {

    public Artifact {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a lower-case hex SHA-256: " + sha256);
        }
        if (size < 0) {
            throw new IllegalArgumentException("negative size: " + size);
        }
    }
}
