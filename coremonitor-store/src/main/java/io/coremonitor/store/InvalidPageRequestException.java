package io.coremonitor.store;

import io.coremonitor.model.CoreMonitorException;
import java.util.Optional;

/** A bad {@code limit} or a cursor that this list did not hand out (a 400 for the REST API). */
public class InvalidPageRequestException extends CoreMonitorException {

    /** The name of the {@code limit} field of a page request. */
    public static final String LIMIT = "limit";
    /** The name of the {@code cursor} field of a page request. */
    public static final String CURSOR = "cursor";

    private final transient Optional<String> field;

    /** Without naming the field it is about. */
    public InvalidPageRequestException(String message) {
        super(message);
        this.field = Optional.empty();
    }

    /**
     * @param field   which field of the page request is wrong: {@link #LIMIT} or {@link #CURSOR}
     * @param message what is wrong with it
     */
    public InvalidPageRequestException(String field, String message) {
        super(message);
        this.field = Optional.of(field);
    }

    /** Which field of the page request is wrong ({@link #LIMIT} or {@link #CURSOR}), when the thrower named it. */
    public Optional<String> field() {
        return field;
    }
}
