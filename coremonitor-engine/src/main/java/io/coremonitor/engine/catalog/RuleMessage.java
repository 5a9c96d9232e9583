package io.coremonitor.engine.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An error or a warning of the rules engine.
 *
 * @param path        where in the choices: {@code components[1].parameters.port}, {@code components[2].wiring.database},
 *                    {@code stackName}, {@code components} (the choices as a whole)
 * @param message     what is wrong, naming components by title and version
 * @param fix         what to do about it, when there is something to do
 * @param suggestions the values to choose from, when the fix is a choice (the instances that could be wired, a free
 *                    port)
 */
public record RuleMessage(String path, String message, Optional<String> fix, List<String> suggestions) {

    public RuleMessage {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
        suggestions = List.copyOf(suggestions);
    }

    /** {@code path: message (fix)}. */
    @Override
    public String toString() {
        return path + ": " + message + fix.map(f -> " — " + f).orElse("");
    }
}
