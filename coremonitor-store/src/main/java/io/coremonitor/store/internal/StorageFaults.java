package io.coremonitor.store.internal;

import com.zaxxer.hikari.SQLExceptionOverride;
import io.coremonitor.store.StorageFullException;
import io.coremonitor.store.StoreConfig;
import io.coremonitor.store.StoreException;
import io.coremonitor.store.StoreUnavailableException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Tells storage faults (the database unreachable, locked, its file missing or read-only, its disk full) from other
 * database errors, the same way on SQLite and PostgreSQL; turns Jdbi/JDBC exceptions into the store's exceptions;
 * and, as Hikari's {@link SQLExceptionOverride}, has the pool evict a connection a storage fault went through, so
 * that the next call gets a fresh one.
 */
public final class StorageFaults implements SQLExceptionOverride {

    /** What kind of failure a database error is. */
    public enum Kind {
        /** The storage is full. */
        FULL("the database's storage is full"),
        /** The database or its storage failed or cannot be reached; the connection is not to be trusted. */
        UNAVAILABLE("the database is unavailable"),
        /** Another connection holds the lock past the timeout; the connection itself is fine. */
        LOCKED("the database is locked by another connection"),
        /** Any other database error (a constraint, a bug): the connection is fine. */
        OTHER("database error");

        private final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    private static final Set<String> PG_UNAVAILABLE_STATES = Set.of(
            "57P01", // admin_shutdown
            "57P02", // crash_shutdown
            "57P03", // cannot_connect_now (starting up, shutting down, in recovery)
            "57P05", // idle_session_timeout
            "53300", // too_many_connections
            "25006", // read_only_sql_transaction (a standby)
            "58030"); // io_error
    private static final Set<String> PG_LOCKED_STATES = Set.of("55P03"); // lock_not_available
    private static final int MAX_CHAIN = 20;

    /** The kind of the first SQL error found in the causes of {@code t}. */
    public static Kind classify(Throwable t) {
        int depth = 0;
        for (Throwable c = t; c != null && depth < MAX_CHAIN; c = c.getCause(), depth++) {
            if (c instanceof SQLException s) {
                for (SQLException e = s; e != null && depth < MAX_CHAIN; e = e.getNextException(), depth++) {
                    Kind kind = classifyOne(e);
                    if (kind != Kind.OTHER) {
                        return kind;
                    }
                }
            }
        }
        return Kind.OTHER;
    }

    private static Kind classifyOne(SQLException e) {
        if (e instanceof SQLiteException s) {
            return sqlite(s.getResultCode());
        }
        if (e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException
                || e instanceof SQLRecoverableException) {
            return Kind.UNAVAILABLE;
        }
        String state = e.getSQLState();
        if (state == null) {
            return Kind.OTHER;
        }
        if (state.equals("53100")) { // disk_full
            return Kind.FULL;
        }
        if (state.startsWith("08") || PG_UNAVAILABLE_STATES.contains(state)) {
            return Kind.UNAVAILABLE;
        }
        return PG_LOCKED_STATES.contains(state) ? Kind.LOCKED : Kind.OTHER;
    }

    private static Kind sqlite(SQLiteErrorCode code) {
        // the primary result code is the low byte of an extended one (SQLITE_IOERR_WRITE is SQLITE_IOERR | 3 << 8)
        int primary = code.code & 0xFF;
        if (primary == SQLiteErrorCode.SQLITE_FULL.code) {
            return Kind.FULL;
        }
        if (primary == SQLiteErrorCode.SQLITE_BUSY.code || primary == SQLiteErrorCode.SQLITE_LOCKED.code) {
            return Kind.LOCKED;
        }
        if (primary == SQLiteErrorCode.SQLITE_IOERR.code || primary == SQLiteErrorCode.SQLITE_READONLY.code
                || primary == SQLiteErrorCode.SQLITE_CANTOPEN.code || primary == SQLiteErrorCode.SQLITE_CORRUPT.code
                || primary == SQLiteErrorCode.SQLITE_NOTADB.code || primary == SQLiteErrorCode.SQLITE_PROTOCOL.code
                || primary == SQLiteErrorCode.SQLITE_NOMEM.code) {
            return Kind.UNAVAILABLE;
        }
        return Kind.OTHER;
    }

    /**
     * The store's exception for a failed database call: {@link StorageFullException},
     * {@link StoreUnavailableException}, or a plain {@link StoreException}, each with the driver's error as the cause
     * and a message naming what failed (any {@code password=} in it hidden).
     */
    public static StoreException translate(RuntimeException e) {
        Kind kind = classify(e);
        String message = kind.description + ": " + rootMessage(e);
        return switch (kind) {
            case FULL -> new StorageFullException(message, e);
            case UNAVAILABLE, LOCKED -> new StoreUnavailableException(message, e);
            case OTHER -> new StoreException(message, e);
        };
    }

    /**
     * The store's exception for a failure to reach or create the database at all: a storage fault as
     * {@link #translate} tells, any other failure a {@link StoreUnavailableException} too (the store cannot open).
     */
    public static StoreException unreachable(String what, Throwable e) {
        Kind kind = classify(e);
        String message = what + ": " + (kind == Kind.OTHER ? "" : kind.description + ": ") + rootMessage(e);
        return kind == Kind.FULL ? new StorageFullException(message, e) : new StoreUnavailableException(message, e);
    }

    /** The message of the deepest SQL error (or else of the deepest cause), without secrets. */
    static String rootMessage(Throwable e) {
        Throwable sql = null;
        Throwable last = e;
        int depth = 0;
        for (Throwable c = e; c != null && depth < MAX_CHAIN; c = c.getCause(), depth++) {
            if (c instanceof SQLException) {
                sql = c;
            }
            last = c;
        }
        Throwable chosen = sql != null ? sql : last;
        String message = chosen.getMessage() == null ? chosen.getClass().getSimpleName() : chosen.getMessage();
        return StoreConfig.redact(message.strip());
    }

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        return switch (classify(e)) {
            case FULL, UNAVAILABLE -> Override.MUST_EVICT;
            case LOCKED -> Override.DO_NOT_EVICT;
            case OTHER -> e instanceof SQLiteException s && s.getResultCode() == SQLiteErrorCode.SQLITE_MISUSE
                    ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
        };
    }
}
