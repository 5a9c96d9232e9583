package io.coremonitor.engine.databases;

/**
 * The request conflicts with what exists: a database (or a stack of its name) for the project already, the port asked
 * for is taken, or the port range has no free port left. Nothing was created.
 */
public final class DatabaseConflictException extends RuntimeException {

    public DatabaseConflictException(String message) {
        super(message);
    }
}
