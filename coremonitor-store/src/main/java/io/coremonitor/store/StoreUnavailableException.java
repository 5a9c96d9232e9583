package io.coremonitor.store;

/**
 * The database cannot serve the call right now: unreachable or restarting (PostgreSQL), locked by another process
 * past the busy timeout, its file missing, read-only or failing (SQLite), or no pooled connection free within the
 * connection timeout. Transient: the same call may succeed once the fault ends (HTTP 503). The message names the
 * cause, never a password.
 */
public class StoreUnavailableException extends StoreException {

    public StoreUnavailableException(String message) {
        super(message);
    }

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
