package io.coremonitor.engine;

import java.util.Locale;

/** The runtime actions of a RUNTIME_ACTION command; the payload holds {@link #wireName()}. */
public enum RuntimeAction {
    START,
    STOP,
    RESTART;

    /** The name in payloads and URLs: {@code start}, {@code stop}, {@code restart}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code start}, {@code stop} or {@code restart} (any case). */
    public static RuntimeAction parse(String value) {
        if (value != null) {
            for (RuntimeAction action : values()) {
                if (action.wireName().equalsIgnoreCase(value.trim())) {
                    return action;
                }
            }
        }
        throw new CommandRejectedException("unknown runtime action '" + value + "' (expected start, stop or restart)");
    }
}
