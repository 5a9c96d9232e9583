package io.coremonitor.server.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coremonitor.model.LocatedError;
import io.coremonitor.model.SourcePosition;
import java.util.List;
import java.util.Optional;

/**
 * An RFC 9457 problem body ({@code application/problem+json}).
 *
 * @param type   a URI naming the kind of problem
 * @param title  a short summary of the kind
 * @param status the HTTP status
 * @param detail what went wrong this time
 * @param errors each error with its path, for invalid input
 */
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String CONTENT_TYPE = "application/problem+json";

    /**
     * One error of the request, with the path of the value it is about; for an error of a definition sent as text,
     * also its line and column in that text (1-based; absent otherwise).
     *
     * @param path    the path of the value: a body field, a parameter, or a path in the definition
     * @param message what is wrong
     * @param line    the line of the value in the definition's text, when known
     * @param column  the column of the value in the definition's text, when known
     */
    public record FieldError(String path, String message, @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<Integer> line,
            @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<Integer> column) {

        /** An error without a place in a text. */
        public FieldError(String path, String message) {
            this(path, message, Optional.empty(), Optional.empty());
        }

        /** An error of a definition, with its line and column when known. */
        public static FieldError of(LocatedError error) {
            Optional<SourcePosition> at = error.position();
            return new FieldError(error.path(), error.message(), at.map(SourcePosition::line), at.map(SourcePosition::column));
        }
    }

    public Problem {
        errors = List.copyOf(errors);
    }
}
