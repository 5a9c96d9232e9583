package io.coremonitor.engine.internal.artifacts;

import io.coremonitor.engine.InvalidArtifactException;

/** Checks a received upload: its name and type, then its content. */
public final class ArtifactUploads {

    private ArtifactUploads() {
    }

    /** A file name fit to be shown and used in a container: no path, no control characters, at most 255 characters. */
    public static String checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidArtifactException("name", "an artifact needs a file name");
        }
        String n = name.strip();
        if (n.length() > 255 || n.contains("/") || n.contains("\\") || n.startsWith(".")
                || n.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new InvalidArtifactException("name", "'" + n + "' is not a usable file name: at most 255"
                + " characters, no '/', '\\' or control characters, not starting with '.'");
        }
        return n;
    }

    /** @see ArchiveCheck#check */
    public static void checkContent(ArtifactFiles.Upload upload, ArtifactType type, String name) {
        ArchiveCheck.check(upload.file(), type, name);
    }
}
