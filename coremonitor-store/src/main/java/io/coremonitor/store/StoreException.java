package io.coremonitor.store;

import io.coremonitor.model.CoreMonitorException;

/** The store could not be opened, migrated, or could not talk to its database. */
public class StoreException extends CoreMonitorException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
