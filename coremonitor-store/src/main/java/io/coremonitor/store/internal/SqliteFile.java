package io.coremonitor.store.internal;

import io.coremonitor.store.StoreUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQLite database file under a running store. An open SQLite connection keeps writing to its file even after the
 * file was deleted or moved (in WAL mode SQLite does not notice), and those writes are lost with the last connection:
 * so every write first checks that the file is still where it was opened. A missing file refuses writes with a
 * {@link StoreUnavailableException}; a file put back (same file) lets them through again; a different file at that
 * path (restored from a copy) has the pool's connections replaced so that they open it.
 */
final class SqliteFile {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteFile.class);

    private final Path path;
    private final Runnable reopenConnections;
    private volatile Object key;

    SqliteFile(Path path, Runnable reopenConnections) {
        this.path = path;
        this.reopenConnections = reopenConnections;
        this.key = keyOrNull();
    }

    /**
     * Checks that the file is still there.
     *
     * @throws StoreUnavailableException when it is missing or cannot be read
     */
    void check() {
        Object now;
        try {
            now = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            throw new StoreUnavailableException("the SQLite database file " + path + " is missing (deleted or moved"
                    + " while the store runs): writes are refused until it is back", e);
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot read the SQLite database file " + path + ": " + e.getMessage(), e);
        }
        if (now != null && !Objects.equals(now, key)) {
            LOG.warn("the SQLite database file {} was replaced by another file: reopening the store's connections", path);
            key = now;
            reopenConnections.run();
        }
    }

    private Object keyOrNull() {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }
}
