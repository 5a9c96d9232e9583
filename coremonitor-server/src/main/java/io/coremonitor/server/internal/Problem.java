package io.coremonitor.server.internal;

import java.util.List;

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

    /** One error of the request, with the path of the value it is about. */
    public record FieldError(String path, String message) {
    }

    public Problem {
        errors = List.copyOf(errors);
    }
}
