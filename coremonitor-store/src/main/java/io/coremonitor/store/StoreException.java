package io.coremonitor.store;

import io.coremonitor.model.CoreMonitorException;
import io.coremonitor.store.internal.StorageFaults;

/**
 * The store could not be opened, migrated, or could not talk to its database. The store's public API never lets a
 * Jdbi or JDBC exception out: a storage fault is a {@link StoreUnavailableException} (or its
 * {@link StorageFullException}), any other database error this base type, with the driver's exception as the cause.
 */
public class StoreException extends CoreMonitorException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The store's exception for a Jdbi or JDBC failure (for code using {@link Store#jdbi()} directly): a
     * {@link StorageFullException}, a {@link StoreUnavailableException}, or else a plain {@code StoreException}.
     */
    public static StoreException from(RuntimeException e) {
        return StorageFaults.translate(e);
    }
}
