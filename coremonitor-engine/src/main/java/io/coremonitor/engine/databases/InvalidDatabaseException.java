package io.coremonitor.engine.databases;

import java.util.Objects;

/** A database request that cannot be used: the field and why. Nothing was created. */
public final class InvalidDatabaseException extends RuntimeException {

    private final String field;

    public InvalidDatabaseException(String field, String message) {
        super(message);
        this.field = Objects.requireNonNull(field, "field");
    }

    /** The request field at fault ({@code project}, {@code memory}, {@code components[0].parameters.port}, ...). */
    public String field() {
        return field;
    }
}
