package io.coremonitor.model.internal;

import java.util.List;
import java.util.Map;

/** Names of tree value kinds for messages. */
public final class TreeTypes {

    private TreeTypes() {
    }

    public static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map) {
            return "a mapping";
        }
        if (value instanceof List) {
            return "a list";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Number) {
            return "a number";
        }
        return "a string";
    }
}
