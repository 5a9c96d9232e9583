package io.coremonitor.model.internal;

import io.coremonitor.model.LocatedError;
import io.coremonitor.model.SourcePosition;
import io.coremonitor.model.ValidationError;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where each value of a read definition is in its text, by error path ({@code services.web.ports[1]}): a mapping
 * entry at its key, a list item at its first character. Made by {@link YamlReader} from the nodes it composed (YAML) or
 * the tokens it read (JSON), so the positions are the ones of the text as given, before any interpolation.
 */
public final class SourceMap {

    private final Map<String, SourcePosition> positions;

    SourceMap(Map<String, SourcePosition> positions) {
        this.positions = Map.copyOf(positions);
    }

    /**
     * The position of the value at this path; when the path names a value that does not exist (a missing key), the one
     * of the deepest value along the path that does; the start of the text for the document itself.
     */
    public SourcePosition locate(String path) {
        SourcePosition exact = positions.get(path);
        if (exact != null) {
            return exact;
        }
        for (int i = path.length() - 1; i > 0; i--) {
            char c = path.charAt(i);
            if (c == '.' || c == '[') {
                String ancestor = path.substring(0, i);
                SourcePosition found = positions.get(ancestor);
                if (found != null && Paths.isWithin(path, ancestor)) {
                    return found;
                }
            }
        }
        return SourcePosition.START;
    }

    /** The error with its position. */
    public LocatedError locate(ValidationError error) {
        return new LocatedError(error, Optional.of(locate(error.path())));
    }

    /** Each error with its position, in the same order. */
    public List<LocatedError> locateAll(List<ValidationError> errors) {
        return errors.stream().map(this::locate).toList();
    }
}
