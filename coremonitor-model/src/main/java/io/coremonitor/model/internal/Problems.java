package io.coremonitor.model.internal;

import io.coremonitor.model.ValidationError;
import java.util.ArrayList;
import java.util.List;

/** Collects errors and warnings while a definition is read. */
public final class Problems {

    private final List<ValidationError> errors = new ArrayList<>();
    private final List<ValidationError> warnings = new ArrayList<>();

    public void error(String path, String message) {
        errors.add(new ValidationError(path, message));
    }

    public void warn(String path, String message) {
        warnings.add(new ValidationError(path, message));
    }

    public List<ValidationError> errors() {
        return errors;
    }

    public List<ValidationError> warnings() {
        return warnings;
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }
}
