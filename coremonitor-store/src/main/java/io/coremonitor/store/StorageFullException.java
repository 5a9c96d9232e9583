package io.coremonitor.store;

/**
 * A write could not be stored because the storage holding the database is full (SQLite's disk, PostgreSQL's
 * {@code disk_full}). Nothing of the failed write was stored; what was stored before is intact and still readable,
 * and writes succeed again once space is freed (HTTP 507).
 */
public class StorageFullException extends StoreUnavailableException {

    public StorageFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
