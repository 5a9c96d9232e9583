package io.coremonitor.server.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coremonitor.model.LocatedError;
import io.coremonitor.model.SourcePosition;
import io.coremonitor.model.ValidationReport;
import java.util.List;
import java.util.Optional;

/** The answer of {@code POST /validate}. */
final class ValidationBodies {

    private ValidationBodies() {
    }

    /**
     * What checking a definition found, without storing anything.
     *
     * @param valid    whether it has no error (warnings do not count): creating a version from it would succeed
     * @param errors   every error, sorted by path
     * @param warnings every warning (unset variables, ignored {@code build:}, obsolete {@code version}), of an invalid
     *                 definition too
     */
    record ValidationView(boolean valid, List<LocatedErrorView> errors, List<LocatedErrorView> warnings) {

        /** The report as the client should see it: without positions when it sent the definition as a JSON object. */
        static ValidationView of(ValidationReport report, RequestBodies.ComposeText compose) {
            return new ValidationView(report.valid(), views(compose.visible(report.errors())),
                    views(compose.visible(report.warnings())));
        }

        private static List<LocatedErrorView> views(List<LocatedError> errors) {
            return errors.stream().map(LocatedErrorView::of).toList();
        }
    }

    /**
     * One error or warning of a definition.
     *
     * @param path    where in the definition: {@code services.web.ports[1]}; {@code ""} for the document itself
     * @param message what is wrong, for a person
     * @param line    the line (from 1) of that value in the text sent; absent when the definition was a JSON object
     * @param column  its column (from 1; a tab is one column); absent when the definition was a JSON object
     */
    record LocatedErrorView(String path, String message, @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<Integer> line,
            @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<Integer> column) {

        static LocatedErrorView of(LocatedError error) {
            Optional<SourcePosition> at = error.position();
            return new LocatedErrorView(error.path(), error.message(), at.map(SourcePosition::line),
                    at.map(SourcePosition::column));
        }
    }
}
