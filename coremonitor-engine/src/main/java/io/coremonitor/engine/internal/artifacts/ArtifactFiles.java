package io.coremonitor.engine.internal.artifacts;

import io.coremonitor.engine.ArtifactTooLargeException;
import io.coremonitor.engine.InvalidArtifactException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The artifact files: {@code <dir>/sha256/ab/abcdef...}, written through {@code <dir>/tmp/} and moved into place, so
 * a file at its content address is always whole.
 */
public final class ArtifactFiles {

    private static final Logger LOG = LoggerFactory.getLogger(ArtifactFiles.class);
    private static final int BUFFER = 64 * 1024;

    private final Path root;
    private final Path tmp;
    private final long maxSize;

    public ArtifactFiles(Path root, long maxSize) {
        this.root = root.toAbsolutePath().normalize();
        this.tmp = this.root.resolve("tmp");
        this.maxSize = maxSize;
        try {
            Files.createDirectories(tmp);
            Files.createDirectories(this.root.resolve("sha256"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the artifact directory " + this.root, e);
        }
        removeLeftoverUploads();
    }

    /** An upload written to a temporary file, with its digest and size. */
    public record Upload(Path file, String sha256, long size) {
    }

    /**
     * Streams {@code body} to a temporary file, counting and hashing.
     *
     * @throws ArtifactTooLargeException past the size limit (the partial file is removed)
     * @throws InvalidArtifactException  when the body is empty
     */
    public Upload receive(InputStream body, String name) {
        Path file = tmp.resolve("upload-" + UUID.randomUUID());
        MessageDigest digest = sha256();
        long size = 0;
        boolean ok = false;
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest)) {
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = body.read(buffer)) >= 0) {
                size += n;
                if (size > maxSize) {
                    throw new ArtifactTooLargeException("'" + name + "' is larger than the artifact size limit of "
                        + maxSize + " bytes");
                }
                out.write(buffer, 0, n);
            }
            if (size == 0) {
                throw new InvalidArtifactException("file", "'" + name + "' is empty (0 bytes)");
            }
            ok = true;
            return new Upload(file, HexFormat.of().formatHex(digest.digest()), size);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the upload of '" + name + "' under " + tmp, e);
        } finally {
            if (!ok) {
                deleteQuietly(file);
            }
        }
    }

    /** Moves a checked upload to its content address (a no-op when those bytes are there already). */
    public Path keep(Upload upload) {
        Path target = path(upload.sha256());
        try {
            Files.createDirectories(target.getParent());
            if (Files.exists(target)) {
                Files.delete(upload.file());
                return target;
            }
            try {
                Files.move(upload.file(), target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
                if (!Files.exists(target)) {
                    throw e;
                }
                Files.deleteIfExists(upload.file());
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the artifact " + upload.sha256() + " at " + target, e);
        }
    }

    /** Where the bytes of {@code sha256} are (whether or not they are there). */
    public Path path(String sha256) {
        return root.resolve("sha256").resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    public void discard(Upload upload) {
        deleteQuietly(upload.file());
    }

    public void delete(String sha256) {
        try {
            Files.deleteIfExists(path(sha256));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the artifact file " + path(sha256), e);
        }
    }

    public Path root() {
        return root;
    }

    private void removeLeftoverUploads() {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(tmp, "upload-*")) {
            for (Path p : leftovers) {
                LOG.info("removing the unfinished upload {}", p);
                deleteQuietly(p);
            }
        } catch (IOException e) {
            LOG.warn("cannot list {}: {}", tmp, e.toString());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", file, e.toString());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
