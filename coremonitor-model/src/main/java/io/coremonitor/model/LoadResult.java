package io.coremonitor.model;

import java.util.List;
import java.util.Objects;

/**
 * A loaded definition and the warnings its loading produced (unset variables, ignored {@code build:}, ...).
 *
 * @param definition the definition
 * @param warnings   warnings, each {@code path: message}
 */
public record LoadResult(ComposeDefinition definition, List<ValidationError> warnings) {

    public LoadResult {
        Objects.requireNonNull(definition, "definition");
        warnings = List.copyOf(warnings);
    }
}
