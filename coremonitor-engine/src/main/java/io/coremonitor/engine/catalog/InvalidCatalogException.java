package io.coremonitor.engine.catalog;

import io.coremonitor.model.CoreMonitorException;
import java.util.Objects;

/** A component file that cannot be used: it names the file and the field. Never skipped silently. */
public class InvalidCatalogException extends CoreMonitorException {

    private final String source;
    private final String field;

    public InvalidCatalogException(String source, String field, String problem) {
        super(source + (field.isEmpty() ? "" : ": " + field) + ": " + problem);
        this.source = Objects.requireNonNull(source, "source");
        this.field = Objects.requireNonNull(field, "field");
    }

    public InvalidCatalogException(String source, String field, String problem, Throwable cause) {
        super(source + (field.isEmpty() ? "" : ": " + field) + ": " + problem, cause);
        this.source = Objects.requireNonNull(source, "source");
        this.field = Objects.requireNonNull(field, "field");
    }

    /** The file (or class path resource) at fault. */
    public String source() {
        return source;
    }

    /** The field at fault, as a path ({@code parameters[2].pattern}); empty for the file as a whole. */
    public String field() {
        return field;
    }
}
