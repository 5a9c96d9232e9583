package io.coremonitor.model;

import java.io.Serializable;
import java.util.Objects;

/**
 * One problem found in a definition.
 *
 * @param path    where: {@code services.web.ports[1]}; {@code ""} for the document itself
 * @param message what is wrong, for a person
 */
public record ValidationError(String path, String message) implements Serializable {

    public ValidationError {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** {@code path: message}, or just the message when the path is empty. */
    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
