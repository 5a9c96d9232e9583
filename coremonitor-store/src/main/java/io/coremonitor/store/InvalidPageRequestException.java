package io.coremonitor.store;

import io.coremonitor.model.CoreMonitorException;
import java.util.Objects;

/** A bad {@code limit} or a cursor that this list did not hand out (a 400 for the REST API). */
public class InvalidPageRequestException extends CoreMonitorException {

    /** The name of the {@code limit} field of a page request. */
    public static final String LIMIT = "limit";
    /** The name of the {@code cursor} field of a page request. */
    public static final String CURSOR = "cursor";

    private final String field;

    /**
     * @param field   which field of the page request is wrong: {@link #LIMIT} or {@link #CURSOR}
     * @param message what is wrong with it
     */
    public InvalidPageRequestException(String field, String message) {
        super(message);
        this.field = Objects.requireNonNull(field, "field");
    }

    /** Which field of the page request is wrong: {@link #LIMIT} or {@link #CURSOR}. */
    public String field() {
        return field;
    }
}
