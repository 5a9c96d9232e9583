package io.coremonitor.engine;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where uploaded artifacts are kept and how large one may be.
 *
 * @param directory the directory of the artifact files (created when missing), {@code <data dir>/artifacts}
 * @param maxSize   the largest upload accepted, in bytes
 */
public record ArtifactSettings(Path directory, long maxSize) {

    /** 512 MiB. */
    public static final long DEFAULT_MAX_SIZE = 512L * 1024 * 1024;

    public ArtifactSettings {
        Objects.requireNonNull(directory, "directory");
        if (maxSize < 1) {
            throw new IllegalArgumentException("the artifact size limit must be positive, got " + maxSize);
        }
    }

    /** {@code <dataDirectory>/artifacts} with the default size limit. */
    public static ArtifactSettings under(Path dataDirectory) {
        return new ArtifactSettings(dataDirectory.resolve("artifacts"), DEFAULT_MAX_SIZE);
    }
}
