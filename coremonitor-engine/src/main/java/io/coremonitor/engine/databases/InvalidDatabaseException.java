package io.coremonitor.engine.databases;

import io.coremonitor.engine.InvalidInputException;
import java.util.Objects;

/** A database request that cannot be used: the field and why. Nothing was created. */
public final class InvalidDatabaseException extends InvalidInputException {

    public InvalidDatabaseException(String field, String message) {
        super(Objects.requireNonNull(field, "field"), message);
    }
}
