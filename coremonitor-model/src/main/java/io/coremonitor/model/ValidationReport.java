package io.coremonitor.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@link ComposeLoader#validate} found in a definition: its errors and its warnings, each with its path and
 * its place in the text. Unlike {@link ComposeLoader#load}, it never throws for bad input and it keeps the warnings of
 * an invalid definition too.
 *
 * @param definition the loaded definition, present exactly when there is no error
 * @param errors     every error, sorted by path (the order of {@link InvalidDefinitionException#errors()})
 * @param warnings   every warning (unset variables, ignored {@code build:}, obsolete {@code version}, ...)
 */
public record ValidationReport(Optional<ComposeDefinition> definition, List<LocatedError> errors,
        List<LocatedError> warnings) {

    public ValidationReport {
        Objects.requireNonNull(definition, "definition");
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
        if (definition.isPresent() != errors.isEmpty()) {
            throw new IllegalArgumentException("a report has a definition exactly when it has no error");
        }
    }

    /** Whether the definition has no error (warnings do not count). */
    public boolean valid() {
        return errors.isEmpty();
    }
}
