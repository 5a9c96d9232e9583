package io.coremonitor.server.internal;

import java.util.List;

/** A request the server cannot read: malformed JSON, a wrong type, an unknown field, a bad parameter (400). */
public final class BadRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem.FieldError> errors;

    public BadRequestException(String path, String message) {
        this(message, List.of(new Problem.FieldError(path, message)));
    }

    public BadRequestException(String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.errors = List.copyOf(errors);
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
