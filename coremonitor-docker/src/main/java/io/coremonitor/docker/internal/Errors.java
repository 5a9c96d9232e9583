package io.coremonitor.docker.internal;

import java.util.ArrayList;
import java.util.List;

/** Turns exceptions into one-line, human-readable reasons. */
public final class Errors {

    private Errors() {
    }

    /**
     * The exception and its causes, outermost first, as {@code Type: message; caused by Type: message}; repeated
     * messages are left out so wrapped exceptions do not read twice.
     */
    public static String describe(Throwable error) {
        List<String> parts = new ArrayList<>();
        String previous = null;
        int depth = 0;
        for (Throwable t = error; t != null && depth < 8; t = t.getCause(), depth++) {
            String message = t.getMessage() == null ? "" : t.getMessage().strip();
            if (previous != null && !message.isEmpty() && previous.contains(message)) {
                continue;
            }
            parts.add(t.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message));
            previous = message;
            if (t.getCause() == t) {
                break;
            }
        }
        return String.join("; caused by ", parts);
    }
}
