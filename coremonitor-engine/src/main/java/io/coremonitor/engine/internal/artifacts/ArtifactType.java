package io.coremonitor.engine.internal.artifacts;

import io.coremonitor.engine.InvalidArtifactException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an uploaded file is, by its name's extension. */
public enum ArtifactType {

    WAR(".war", "application/java-archive", Format.ZIP),
    EAR(".ear", "application/java-archive", Format.ZIP),
    JAR(".jar", "application/java-archive", Format.ZIP),
    ZIP(".zip", "application/zip", Format.ZIP),
    TAR_GZ(".tar.gz", "application/gzip", Format.TAR_GZ),
    TGZ(".tgz", "application/gzip", Format.TAR_GZ),
    /** A gzip-compressed SQL dump: a managed database's backup (pg_dump, mariadb-dump), which a restore reads. */
    SQL_GZ(".sql.gz", "application/gzip", Format.GZIP);

    /** How the file is packed, which says how it is read to its end when it is stored. */
    public enum Format {
        /** A zip container (war, ear, jar, zip). */
        ZIP,
        /** A gzip-compressed tar. */
        TAR_GZ,
        /** One gzip-compressed file (no archive inside). */
        GZIP
    }

    /** The names every type's extension makes, for messages. */
    public static final String KNOWN = ".war, .ear, .jar, .zip, .tar.gz, .tgz or .sql.gz";

    private final String extension;
    private final String mediaType;
    private final Format format;

    ArtifactType(String extension, String mediaType, Format format) {
        this.extension = extension;
        this.mediaType = mediaType;
        this.format = format;
    }

    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }

    /** A zip container (war, ear, jar, zip). */
    public boolean zip() {
        return format == Format.ZIP;
    }

    public Format format() {
        return format;
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
            + "' is not a known artifact type: the name must end with " + KNOWN));
    }

    /** The file name without its extension ({@code shop.war} gives {@code shop}). */
    public String baseName(String fileName) {
        return fileName.substring(0, fileName.length() - extension.length());
    }
}
