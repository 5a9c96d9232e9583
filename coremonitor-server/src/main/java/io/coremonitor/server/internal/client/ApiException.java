package io.coremonitor.server.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An error answer of the API (an {@code application/problem+json} body: {@code title}, {@code status}, {@code detail},
 * {@code errors[]}), as one line and the errors one per line. Its exit code follows {@link ExitCodes#forHttpStatus}.
 */
final class ApiException extends CliException {

    private final int status;
    private final List<FieldError> errors;

    /** One entry of {@code errors[]}: the path, the message, and where in the definition text (when known). */
    record FieldError(String path, String message, Optional<Integer> line, Optional<Integer> column) {

        /** An entry of {@code errors[]} or {@code warnings[]}. */
        static FieldError of(JsonNode e) {
            return new FieldError(e.path("path").asText(""), e.path("message").asText(""),
                e.path("line").isInt() ? Optional.of(e.path("line").asInt()) : Optional.empty(),
                e.path("column").isInt() ? Optional.of(e.path("column").asInt()) : Optional.empty());
        }

        /** {@code FILE:LINE:COLUMN: PATH: MESSAGE} when the position and the file are known, else {@code PATH: MESSAGE}. */
        String format(Optional<String> source) {
            if (source.isPresent() && line.isPresent() && column.isPresent()) {
                return source.get() + ":" + line.get() + ":" + column.get() + ": " + (path.isEmpty() ? "" : path + ": ")
                    + message;
            }
            return (path.isEmpty() ? source.orElse("(the definition)") : path) + ": " + message;
        }
    }

    private ApiException(int status, String message, List<FieldError> errors, Optional<String> source) {
        super(ExitCodes.forHttpStatus(status), message, errors.stream().map(e -> e.format(source)).toList());
        this.status = status;
        this.errors = errors;
    }

    /**
     * From an error answer; a body that is not a problem (a proxy's page) is named by its status alone.
     *
     * @param hint added to the line (what to do about a 401), may be empty
     */
    static ApiException of(int status, JsonNode body, String hint) {
        String title = body.path("title").asText("");
        String detail = body.path("detail").asText("");
        StringBuilder line = new StringBuilder();
        line.append(detail.isEmpty() ? (title.isEmpty() ? "the server answered an error" : title) : detail);
        line.append(" (HTTP ").append(status).append(title.isEmpty() ? "" : " " + title).append(')');
        if (!hint.isEmpty()) {
            line.append("; ").append(hint);
        }
        List<FieldError> errors = new ArrayList<>();
        for (JsonNode e : body.path("errors")) {
            errors.add(FieldError.of(e));
        }
        // one error is the detail already ("1 error in the definition: ..."): it is listed anyway, with its position
        return new ApiException(status, line.toString(), List.copyOf(errors), Optional.empty());
    }

    int status() {
        return status;
    }

    List<FieldError> errors() {
        return errors;
    }

    /** The same error, its positions given in {@code source} (the file the definition was read from). */
    ApiException from(String source) {
        return new ApiException(status, getMessage(), errors, Optional.of(source));
    }
}
