package io.coremonitor.engine.databases;

/** No managed database for that project. */
public final class DatabaseNotFoundException extends RuntimeException {

    public DatabaseNotFoundException(String message) {
        super(message);
    }
}
