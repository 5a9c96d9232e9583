package io.coremonitor.model;

import java.io.Serializable;

/**
 * A place in the text of a definition, as a text editor shows it: 1-based line and column. A line ends at {@code \n},
 * {@code \r\n} or {@code \r}; a column counts characters (a tab is one column, as in CodeMirror), so the first
 * character of a line is column 1.
 *
 * @param line   the line, from 1
 * @param column the column, from 1
 */
public record SourcePosition(int line, int column) implements Serializable {

    /** The beginning of the text: where an error about the whole document points. */
    public static final SourcePosition START = new SourcePosition(1, 1);

    public SourcePosition {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("a source position is 1-based, got line " + line + ", column " + column);
        }
    }

    /** {@code line:column}. */
    @Override
    public String toString() {
        return line + ":" + column;
    }
}
