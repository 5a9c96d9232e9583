package io.coremonitor.engine.internal.artifacts;

import io.coremonitor.engine.InvalidArtifactException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads an uploaded archive to its end: every entry's bytes (so a truncated or corrupt file is found now, not at
 * deployment), at least one file, and no entry that would escape the directory it is unpacked into.
 */
final class ArchiveCheck {

    private ArchiveCheck() {
    }

    /** @throws InvalidArtifactException with the reason when the file is not a usable archive of {@code type} */
    static void check(Path file, ArtifactType type, String name) {
        try {
            int files = switch (type.format()) {
                case ZIP -> zip(file, name);
                case TAR_GZ -> tarGz(file, name);
                case GZIP -> gzip(file);
            };
            if (files == 0) {
                throw new InvalidArtifactException("file", "'" + name + "' is an empty archive: it holds no file");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidArtifactException invalid) {
                throw invalid;
            }
            throw new InvalidArtifactException("file", "'" + name + "' is not a readable " + type.extension().substring(1)
                + " archive: " + describe(e));
        }
    }

    private static int zip(Path file, String name) throws IOException {
        int files = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                safe(entry.getName(), name);
                if (!entry.isDirectory()) {
                    files++;
                    try (InputStream in = zip.getInputStream(entry)) {
                        while (in.read(buffer) >= 0) {
                            // reading checks the entry's CRC
                        }
                    }
                }
            }
        }
        return files;
    }

    private static int tarGz(Path file, String name) throws IOException {
        int files = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
             TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(raw))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                safe(entry.getName(), name);
                if (entry.isSymbolicLink() || entry.isLink()) {
                    safe(entry.getLinkName(), name);
                }
                if (entry.isFile()) {
                    files++;
                    while (tar.read(buffer) >= 0) {
                        // reading to the end finds a truncated archive
                    }
                }
            }
        }
        return files;
    }

    /** One gzip-compressed file read to its end (a truncated one fails): 1 when it holds bytes, 0 when empty. */
    private static int gzip(Path file) throws IOException {
        long bytes = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                bytes += n;
            }
        }
        return bytes > 0 ? 1 : 0;
    }

    /** Refuses absolute entry names and {@code ..} segments (they would escape the target directory). */
    static void safe(String entryName, String archive) {
        String n = entryName.replace('\\', '/');
        if (n.startsWith("/") || n.equals("..") || n.startsWith("../") || n.contains("/../") || n.endsWith("/..")) {
            throw new InvalidArtifactException("file", "'" + archive + "' has an entry outside its root: '" + entryName + "'");
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
