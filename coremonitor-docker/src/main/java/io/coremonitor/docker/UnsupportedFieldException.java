package io.coremonitor.docker;

import io.coremonitor.model.CoreMonitorException;
import java.util.List;

/** A service field that cannot be translated to the Engine API: refused at plan time, never silently dropped. */
public class UnsupportedFieldException extends CoreMonitorException {

    private final List<String> problems;

    public UnsupportedFieldException(List<String> problems) {
        super("cannot translate to the Docker Engine API: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem, starting with its path ({@code services.web.annotations: ...}). */
    public List<String> problems() {
        return problems;
    }
}
