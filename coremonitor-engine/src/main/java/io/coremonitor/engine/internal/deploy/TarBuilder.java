package io.coremonitor.engine.internal.deploy;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a tar file to upload with {@link io.coremonitor.docker.DockerOps#copyToContainer}: every entry owned by one
 * {@link Owner}, stamped with one modification time, directories 0755 and files 0644, parents written before their
 * children. Names are relative and already checked.
 */
final class TarBuilder implements Closeable {

    private final TarArchiveOutputStream out;
    private final Owner owner;
    private final Date modified;
    private final Set<String> directories = new HashSet<>();

    TarBuilder(Path file, Owner owner, Instant modified) {
        this.owner = owner;
        this.modified = Date.from(modified);
        try {
            OutputStream stream = new BufferedOutputStream(Files.newOutputStream(file));
            this.out = new TarArchiveOutputStream(stream);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    /** A directory entry ({@code a/b}), with its parents. */
    void directory(String name) throws IOException {
        String dir = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        if (dir.isEmpty() || directories.contains(dir)) {
            return;
        }
        int slash = dir.lastIndexOf('/');
        if (slash > 0) {
            directory(dir.substring(0, slash));
        }
        TarArchiveEntry entry = new TarArchiveEntry(dir + "/");
        stamp(entry, 040755);
        out.putArchiveEntry(entry);
        out.closeArchiveEntry();
        directories.add(dir);
    }

    /** A regular file entry of {@code size} bytes read from {@code content}, after its parent directories. */
    void file(String name, long size, InputStream content) throws IOException {
        int slash = name.lastIndexOf('/');
        if (slash > 0) {
            directory(name.substring(0, slash));
        }
        TarArchiveEntry entry = new TarArchiveEntry(name);
        stamp(entry, 0100644);
        entry.setSize(size);
        out.putArchiveEntry(entry);
        long copied = content.transferTo(out);
        if (copied != size) {
            throw new IOException(name + ": expected " + size + " bytes, read " + copied);
        }
        out.closeArchiveEntry();
    }

    /** A regular file entry with the content of a local file. */
    void file(String name, Path source) throws IOException {
        try (InputStream in = Files.newInputStream(source)) {
            file(name, Files.size(source), in);
        }
    }

    private void stamp(TarArchiveEntry entry, int mode) {
        entry.setMode(mode);
        entry.setIds(owner.uid(), owner.gid());
        entry.setModTime(modified);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
