package io.coremonitor.server.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** How the tables show the API's values. */
final class Text {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    static final int MAX_CELL = 80;

    private Text() {
    }

    /** A text field; empty for null or missing (a table shows {@code -}). */
    static String of(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? "" : node.asText();
    }

    /** An ISO-8601 instant as {@code yyyy-MM-dd HH:mm:ss} (UTC); empty for null. */
    static String time(JsonNode node) {
        String t = of(node);
        if (t.isEmpty()) {
            return "";
        }
        try {
            return TIME.format(Instant.parse(t));
        } catch (DateTimeParseException e) {
            return t;
        }
    }

    /** Seconds as {@code 45s}, {@code 12m3s}, {@code 5h2m}, {@code 3d4h}; empty for null. */
    static String duration(JsonNode seconds) {
        if (seconds == null || !seconds.isNumber()) {
            return "";
        }
        long s = seconds.asLong();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m" + s % 60 + "s";
        }
        if (s < 86_400) {
            return s / 3600 + "h" + s % 3600 / 60 + "m";
        }
        return s / 86_400 + "d" + s % 86_400 / 3600 + "h";
    }

    /** One line of at most {@link #MAX_CELL} characters (line breaks as spaces, longer text cut with an ellipsis). */
    static String cell(String text) {
        String one = text.replaceAll("\\s*[\\r\\n]+\\s*", " ");
        return one.length() <= MAX_CELL ? one : one.substring(0, MAX_CELL - 1) + "…";
    }

    /** The text items of an array, joined. */
    static String join(JsonNode array, String sep) {
        List<String> items = new ArrayList<>();
        array.forEach(n -> items.add(n.asText()));
        return String.join(sep, items);
    }
}
