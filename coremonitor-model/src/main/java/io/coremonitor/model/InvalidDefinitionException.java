package io.coremonitor.model;

import java.util.List;
import java.util.stream.Collectors;

/** A definition (or a name) is invalid; carries every error found, each with its path (and its place in the text). */
public class InvalidDefinitionException extends CoreMonitorException {

    private final List<ValidationError> errors;
    /** The same errors with their positions; not serialized (an Optional is not), so null after deserialization. */
    private final transient List<LocatedError> located;

    public InvalidDefinitionException(List<ValidationError> errors) {
        this(errors, errors.stream().map(LocatedError::unlocated).toList());
    }

    public InvalidDefinitionException(String path, String message) {
        this(List.of(new ValidationError(path, message)));
    }

    private InvalidDefinitionException(List<ValidationError> errors, List<LocatedError> located) {
        super(summary(errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an InvalidDefinitionException needs at least one error");
        }
        this.errors = List.copyOf(errors);
        this.located = List.copyOf(located);
    }

    /** An exception whose errors know where they are in the text (see {@link #locatedErrors()}). */
    public static InvalidDefinitionException located(List<LocatedError> errors) {
        return new InvalidDefinitionException(errors.stream().map(LocatedError::error).toList(), errors);
    }

    /** Every error, in a stable order (by document position where known). Never empty. */
    public List<ValidationError> errors() {
        return errors;
    }

    /**
     * Every error of {@link #errors()}, in the same order, with its place in the text when known (errors found by
     * {@link ComposeLoader} in a text know it; others, such as a stack name's, do not).
     */
    public List<LocatedError> locatedErrors() {
        return located != null ? located : errors.stream().map(LocatedError::unlocated).toList();
    }

    private static String summary(List<ValidationError> errors) {
        String lines = errors.stream().map(ValidationError::toString).collect(Collectors.joining("\n  "));
        return "invalid definition (" + errors.size() + (errors.size() == 1 ? " error" : " errors") + "):\n  " + lines;
    }
}
