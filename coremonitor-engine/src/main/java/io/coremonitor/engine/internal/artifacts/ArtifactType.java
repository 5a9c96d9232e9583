package io.coremonitor.engine.internal.artifacts;

import io.coremonitor.engine.InvalidArtifactException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an uploaded file is, by its name's extension. */
public enum ArtifactType {

    WAR(".war", "application/java-archive", true),
    EAR(".ear", "application/java-archive", true),
    JAR(".jar", "application/java-archive", true),
    ZIP(".zip", "application/zip", true),
    TAR_GZ(".tar.gz", "application/gzip", false),
    TGZ(".tgz", "application/gzip", false);

    private final String extension;
    private final String mediaType;
    private final boolean zip;

    ArtifactType(String extension, String mediaType, boolean zip) {
        this.extension = extension;
        this.mediaType = mediaType;
        this.zip = zip;
    }

    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }

    /** A zip container (war, ear, jar, zip), else a gzip-compressed tar. */
    public boolean zip() {
        return zip;
    }

    /** The type of a file name, if its extension is known (case-insensitive). */
    public static Optional<ArtifactType> of(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> lower.endsWith(t.extension) && lower.length() > t.extension.length())
            .findFirst();
    }

    /** The type of a file name; refuses an unknown extension. */
    public static ArtifactType require(String fileName) {
        return of(fileName).orElseThrow(() -> new InvalidArtifactException("name", "'" + fileName
            + "' is not a known artifact type: the name must end with .war, .ear, .jar, .zip, .tar.gz or .tgz"));
    }

    /** The file name without its extension ({@code shop.war} gives {@code shop}). */
    public String baseName(String fileName) {
        return fileName.substring(0, fileName.length() - extension.length());
    }
}
