package io.coremonitor.engine.databases;

/**
 * A managed database operation that did not succeed: a start that did not reach a successful login in time (what it
 * made was removed), a dump, a restore, or a removal that failed. The message says why; it never holds a password.
 */
public final class DatabaseFailedException extends RuntimeException {

    public DatabaseFailedException(String message) {
        super(message);
    }

    public DatabaseFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
