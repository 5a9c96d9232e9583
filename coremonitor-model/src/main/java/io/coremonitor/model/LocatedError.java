package io.coremonitor.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A {@link ValidationError} (an error or a warning) and where it is in the text that was loaded. The position is the
 * one of the value at the error's path (a mapping entry: its key; a list item: the item); when the path names a key that
 * is missing, the one of the deepest value along the path that exists; for the whole document (path {@code ""}) the
 * place of a syntax error, else line 1, column 1. Empty when there is no text to point into (a definition given as a
 * JSON object, or an error that is not about the text, such as a stack name).
 *
 * @param error    the error: path and message
 * @param position where it is in the text, when known
 */
public record LocatedError(ValidationError error, Optional<SourcePosition> position) {

    public LocatedError {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(position, "position");
    }

    /** An error with its position. */
    public static LocatedError at(ValidationError error, SourcePosition position) {
        return new LocatedError(error, Optional.of(position));
    }

    /** An error whose position is not known. */
    public static LocatedError unlocated(ValidationError error) {
        return new LocatedError(error, Optional.empty());
    }

    /** The error's path: {@code services.web.ports[1]}; {@code ""} for the document itself. */
    public String path() {
        return error.path();
    }

    /** The error's message. */
    public String message() {
        return error.message();
    }

    /** This error without its position. */
    public LocatedError withoutPosition() {
        return position.isEmpty() ? this : unlocated(error);
    }

    /** {@code line:column: path: message}, or the error alone when its position is not known. */
    @Override
    public String toString() {
        return position.map(p -> p + ": " + error).orElse(error.toString());
    }
}
