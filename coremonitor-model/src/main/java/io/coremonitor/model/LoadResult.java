package io.coremonitor.model;

import java.util.List;
import java.util.Objects;

/**
 * A loaded definition and the warnings its loading produced (unset variables, ignored {@code build:}, ...).
 *
 * @param definition       the definition
 * @param warnings         warnings, each {@code path: message}
 * @param locatedWarnings  the same warnings, in the same order, each with its place in the text when known
 */
public record LoadResult(ComposeDefinition definition, List<ValidationError> warnings, List<LocatedError> locatedWarnings) {

    public LoadResult {
        Objects.requireNonNull(definition, "definition");
        warnings = List.copyOf(warnings);
        locatedWarnings = List.copyOf(locatedWarnings);
        if (!locatedWarnings.stream().map(LocatedError::error).toList().equals(warnings)) {
            throw new IllegalArgumentException("the located warnings must be the warnings, in the same order");
        }
    }

    /** A result whose warnings have no known position. */
    public LoadResult(ComposeDefinition definition, List<ValidationError> warnings) {
        this(definition, warnings, warnings.stream().map(LocatedError::unlocated).toList());
    }
}
