package io.coremonitor.server.internal.client;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An aligned text table, like {@code docker compose ps}: a header row in capitals, columns left-aligned and separated by
 * three spaces, the last column not padded, no trailing spaces; an empty cell shows as {@code -}.
 */
final class Table {

    static final String GAP = "   ";

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String... headers) {
        this.headers = List.of(headers);
    }

    /** Adds a row; a null or empty cell is shown as {@code -}. */
    Table row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + headers.size() + " columns");
        }
        rows.add(Arrays.stream(cells).map(c -> c == null || c.isEmpty() ? "-" : c).toList());
        return this;
    }

    int size() {
        return rows.size();
    }

    /** The table's lines, the header first. */
    List<String> lines() {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = headers.get(c).length();
            for (List<String> r : rows) {
                widths[c] = Math.max(widths[c], r.get(c).length());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(line(headers, widths));
        rows.forEach(r -> lines.add(line(r, widths)));
        return lines;
    }

    @Override
    public String toString() {
        return String.join("\n", lines());
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            boolean last = c == cells.size() - 1;
            b.append(last ? cells.get(c) : pad(cells.get(c), widths[c])).append(last ? "" : GAP);
        }
        return b.toString().stripTrailing();
    }

    /** {@code text} padded with spaces to {@code width} characters. */
    static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
