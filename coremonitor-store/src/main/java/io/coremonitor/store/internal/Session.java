package io.coremonitor.store.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A long-lived Jdbi handle with its SqlObject DAOs attached once. Attaching a SqlObject "warms" every method
 * (finds binders, mappers, qualifiers), which measured ~20 us per call when done per operation; a session pays it
 * once per DAO and connection. Used by one thread at a time (lent by {@link Db}).
 */
public final class Session {

    private static final Logger LOG = LoggerFactory.getLogger(Session.class);

    private final Handle handle;
    private final Map<Class<?>, Object> daos = new HashMap<>();

    Session(Handle handle) {
        this.handle = handle;
    }

    public Handle handle() {
        return handle;
    }

    /** The DAO of this type attached to this session's handle (inside its transaction when one is open). */
    public <D> D dao(Class<D> type) {
        return type.cast(daos.computeIfAbsent(type, handle::attach));
    }

    /**
     * Runs a write transaction the SQLite way: {@code BEGIN IMMEDIATE} ... {@code COMMIT} as plain statements on a
     * connection left in auto-commit. (The JDBC route costs two extra statements per transaction: sqlite-jdbc's
     * {@code commit()} immediately begins the next transaction, which Jdbi's return to auto-commit then commits.)
     * Only under the write gate: one such transaction at a time per JVM.
     */
    <T> T sqliteTransaction(Function<Session, T> work) {
        handle.execute("BEGIN IMMEDIATE");
        boolean committed = false;
        try {
            T result = work.apply(this);
            handle.execute("COMMIT");
            committed = true;
            return result;
        } finally {
            if (!committed) {
                try {
                    handle.execute("ROLLBACK");
                } catch (RuntimeException e) {
                    // nothing was open any more (SQLite rolls back by itself after some errors)
                    LOG.debug("rollback after a failed transaction: {}", e.getMessage());
                }
            }
        }
    }

    void close() {
        daos.clear();
        handle.close();
    }
}
