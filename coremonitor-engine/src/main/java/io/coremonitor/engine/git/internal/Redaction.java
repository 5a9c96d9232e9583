package io.coremonitor.engine.git.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Removes credentials from a text (a transport's error message) before it is logged, stored or answered. */
public final class Redaction {

    private final List<String> hidden;

    private Redaction(List<String> hidden) {
        this.hidden = hidden;
    }

    /** Hides each of these values (the longest first); blank ones are skipped. */
    public static Redaction of(String... values) {
        List<String> list = new ArrayList<>();
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                list.add(v);
            }
        }
        list.sort(Comparator.comparingInt(String::length).reversed());
        return new Redaction(List.copyOf(list));
    }

    public String apply(String text) {
        String result = text;
        for (String v : hidden) {
            result = result.replace(v, "***");
        }
        return result;
    }
}
