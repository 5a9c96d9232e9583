package io.coremonitor.store.internal;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One store operation's Jdbi handle (one pooled connection) and the SqlObject DAOs attached to it, each attached once
 * per operation. Used by one thread, closed at the end of the operation (which gives the connection back to the pool).
 */
public final class Session implements AutoCloseable {

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
                    // nothing was open any more (SQLite rolls back by itself after some errors), or the pool evicted
                    // the connection the failure went through
                    LOG.debug("rollback after a failed transaction: {}", e.getMessage());
                }
            }
        }
    }

    /** Gives the connection back to the pool; never throws (a connection that fails to close is the pool's). */
    @Override
    public void close() {
        try {
            handle.close();
        } catch (RuntimeException e) {
            LOG.debug("closing a session failed: {}", e.getMessage());
        } finally {
            try {
                // the pool's connection proxy ignores a second close; this one gives it back if Jdbi could not
                handle.getConnection().close();
            } catch (SQLException e) {
                LOG.debug("giving a connection back failed: {}", e.getMessage());
            }
        }
    }
}
