package io.coremonitor.engine.internal.convergence;

import io.coremonitor.model.FileMount;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The tar archive, in memory, of a container's secret and config files, to extract at {@code /}: one regular file
 * entry per file, with its owner and mode, and no directory entry (the engine creates missing parent directories, owned
 * by root, mode 0755, and leaves existing ones as they are). Held in memory only: a secret never reaches a disk here.
 */
final class FileArchive {

    private FileArchive() {
    }

    /** The archive of {@code files} (each file with its content), stamped with {@code modified}. */
    static byte[] of(Map<FileMount, byte[]> files, Instant modified) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Map.Entry<FileMount, byte[]> f : files.entrySet()) {
                FileMount mount = f.getKey();
                TarArchiveEntry entry = new TarArchiveEntry(mount.target().substring(1));
                entry.setMode(0100000 | mount.mode());
                entry.setUserId(mount.uid());
                entry.setGroupId(mount.gid());
                entry.setModTime(Date.from(modified));
                entry.setSize(f.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(f.getValue());
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an archive in memory", e);
        }
        return bytes.toByteArray();
    }
}
