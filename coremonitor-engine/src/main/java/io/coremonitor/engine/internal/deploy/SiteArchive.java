package io.coremonitor.engine.internal.deploy;

import io.coremonitor.model.Artifact;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Enumeration;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * A static site archive (.tar.gz, .tgz or .zip), read locally and re-packed as a plain tar under one directory
 * name. Only files and directories are taken; an entry with an absolute name, a {@code ..} segment, or of another
 * type (link, device) makes the archive invalid.
 */
final class SiteArchive {

    enum Format { TAR_GZ, ZIP }

    private SiteArchive() {
    }

    /** The format of the artifact, by its name, else by its media type. */
    static Optional<Format> formatOf(Artifact artifact) {
        if (ContextPaths.endsWithAny(artifact.name(), ".tar.gz", ".tgz")) {
            return Optional.of(Format.TAR_GZ);
        }
        if (ContextPaths.endsWithAny(artifact.name(), ".zip")) {
            return Optional.of(Format.ZIP);
        }
        if (artifact.name().contains(".")) {
            return Optional.empty();
        }
        return switch (artifact.mediaType()) {
            case "application/gzip", "application/x-gzip" -> Optional.of(Format.TAR_GZ);
            case "application/zip" -> Optional.of(Format.ZIP);
            default -> Optional.empty();
        };
    }

    /**
     * Writes the site's files into {@code tar} under {@code root/}; returns how many files it holds.
     *
     * @throws DeployFailedException when the archive is unreadable or has an entry refused above
     */
    static int repack(Format format, Path source, Path tar, String root, Owner owner, Instant modified) {
        try (TarBuilder out = new TarBuilder(tar, owner, modified)) {
            out.directory(root);
            return format == Format.ZIP ? fromZip(source, out, root) : fromTarGz(source, out, root);
        } catch (IOException e) {
            throw new DeployFailedException("cannot read the site archive: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new DeployFailedException("cannot read the site archive: " + e.getCause().getMessage(), e);
        }
    }

    private static int fromTarGz(Path source, TarBuilder out, String root) throws IOException {
        int files = 0;
        try (InputStream file = new BufferedInputStream(Files.newInputStream(source));
             TarArchiveInputStream in = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                Optional<String> name = checked(entry.getName());
                if (name.isEmpty()) {
                    continue;
                }
                boolean special = entry.isSymbolicLink() || entry.isLink() || entry.isCharacterDevice() || entry.isBlockDevice()
                    || entry.isFIFO();
                if (entry.isDirectory()) {
                    out.directory(root + "/" + name.get());
                } else if (!special && entry.isFile()) {
                    out.file(root + "/" + name.get(), entry.getSize(), in);
                    files++;
                } else if (special || !entry.isGlobalPaxHeader() && !entry.isPaxHeader()) {
                    throw new DeployFailedException("the site archive's entry \"" + entry.getName()
                        + "\" is neither a file nor a directory (links are not taken)");
                }
            }
        }
        return files;
    }

    private static int fromZip(Path source, TarBuilder out, String root) throws IOException {
        int files = 0;
        try (ZipFile zip = new ZipFile(source.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Optional<String> name = checked(entry.getName());
                if (name.isEmpty()) {
                    continue;
                }
                if (entry.isDirectory()) {
                    out.directory(root + "/" + name.get());
                } else {
                    try (InputStream in = zip.getInputStream(entry)) {
                        // the central directory's size may be -1 when unknown: count the bytes first
                        long size = entry.getSize() >= 0 ? entry.getSize() : count(zip, entry);
                        out.file(root + "/" + name.get(), size, in);
                    }
                    files++;
                }
            }
        }
        return files;
    }

    private static long count(ZipFile zip, ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return in.transferTo(OutputStream.nullOutputStream());
        }
    }

    /**
     * The entry's relative name without a leading {@code ./} or a trailing slash; empty for the archive's root itself.
     *
     * @throws DeployFailedException for an absolute name, a {@code ..} segment or a backslash
     */
    static Optional<String> checked(String name) {
        if (name.startsWith("/") || name.contains("\\") || name.indexOf('\0') >= 0) {
            throw new DeployFailedException("the site archive's entry \"" + name + "\" has an absolute name or a backslash: refused");
        }
        StringBuilder clean = new StringBuilder();
        for (String segment : name.split("/")) {
            if (segment.isEmpty() || ".".equals(segment)) {
                continue;
            }
            if ("..".equals(segment)) {
                throw new DeployFailedException("the site archive's entry \"" + name + "\" climbs out with \"..\": refused");
            }
            clean.append(clean.length() == 0 ? "" : "/").append(segment);
        }
        return clean.length() == 0 ? Optional.empty() : Optional.of(clean.toString());
    }
}
