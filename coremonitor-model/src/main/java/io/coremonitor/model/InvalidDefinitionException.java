package io.coremonitor.model;

import java.util.List;
import java.util.stream.Collectors;

/** A definition (or a name) is invalid; carries every error found, each with its path. */
public class InvalidDefinitionException extends CoreMonitorException {

    private final List<ValidationError> errors;

    public InvalidDefinitionException(List<ValidationError> errors) {
        super(summary(errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an InvalidDefinitionException needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    public InvalidDefinitionException(String path, String message) {
        this(List.of(new ValidationError(path, message)));
    }

    /** Every error, in a stable order (by document position where known). Never empty. */
    public List<ValidationError> errors() {
        return errors;
    }

    private static String summary(List<ValidationError> errors) {
        String lines = errors.stream().map(ValidationError::toString).collect(Collectors.joining("\n  "));
        return "invalid definition (" + errors.size() + (errors.size() == 1 ? " error" : " errors") + "):\n  " + lines;
    }
}
