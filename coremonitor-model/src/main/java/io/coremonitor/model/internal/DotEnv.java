package io.coremonitor.model.internal;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The two syntaxes of an {@code env_file}, as {@code docker compose} reads them.
 *
 * <p>The default (compose's dotenv): blank lines and lines starting with {@code #} are skipped; {@code export } before
 * a name is dropped; a name (letters, digits, {@code _ . - [ ]}) ends at {@code =} or {@code :}; a name alone on its
 * line takes the value of that variable (the definition's variables, then the service's {@code environment}) and is
 * left out when there is none. A value is unquoted (up to the end of the line, cut at {@code " #"}, trailing blanks
 * dropped), in single quotes (as written, {@code \'} for a quote; may span lines) or in double quotes ({@code \n},
 * {@code \r}, {@code \t}, {@code \a}, {@code \b}, {@code \f}, {@code \v}, {@code \\}, {@code \"}, {@code \$} and
 * octal {@code \0NNN} escapes; may span lines). Unquoted and double-quoted values are interpolated like the
 * definition ({@code ${VAR:-default}}, {@code $$}, ...), single-quoted ones are not.
 *
 * <p>{@code format: raw} (the syntax of {@code docker run --env-file}): one {@code NAME=value} per line, the value
 * exactly as written (no quotes, no escapes, no interpolation, no inline comment), a name alone takes the variable's
 * value; leading blanks are dropped, {@code #} lines and blank lines skipped.
 */
final class DotEnv {

    /** Interpolates one value read at a line. */
    interface Expander {
        String expand(String value, int line);
    }

    /** A syntax error, at a line of the file. */
    static final class Malformed extends RuntimeException {

        private static final long serialVersionUID = 1L;
        private final int line;

        Malformed(int line, String message) {
            super(message, null, false, false);
            this.line = line;
        }

        int line() {
            return line;
        }
    }

    private final String src;
    private final Map<String, String> out;
    private final Function<String, Optional<String>> lookup;
    private final Expander expander;
    private int pos;
    private int line = 1;

    private DotEnv(String src, Map<String, String> out, Function<String, Optional<String>> lookup, Expander expander) {
        this.src = src.startsWith("\uFEFF") ? src.substring(1) : src;
        this.out = out;
        this.lookup = lookup;
        this.expander = expander;
    }

    /** Reads a file of the default syntax into {@code out} (a name read again replaces its value). */
    static void parse(String src, Map<String, String> out, Function<String, Optional<String>> lookup, Expander expander) {
        new DotEnv(src, out, lookup, expander).statements();
    }

    /** Reads a file of the {@code raw} syntax into {@code out}. */
    static void parseRaw(String src, Map<String, String> out, Function<String, Optional<String>> lookup) {
        String text = src.startsWith("\uFEFF") ? src.substring(1) : src;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            String l = trimLeft(raw);
            if (l.isEmpty() || l.charAt(0) == '#') {
                continue;
            }
            int eq = l.indexOf('=');
            String name = eq < 0 ? l : l.substring(0, eq);
            if (name.isEmpty()) {
                throw new Malformed(i + 1, "no variable name before '='");
            }
            if (name.indexOf(' ') >= 0 || name.indexOf('\t') >= 0) {
                throw new Malformed(i + 1, "variable '" + name + "' contains whitespace");
            }
            if (eq >= 0) {
                out.put(name, l.substring(eq + 1));
            } else {
                lookup.apply(name).ifPresent(value -> out.put(name, value));
            }
        }
    }

    private void statements() {
        while (statementStart()) {
            statement();
        }
    }

    /** Skips blanks, line breaks and comment lines; false at the end of the text. */
    private boolean statementStart() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (isUnicodeSpace(c)) {
                pos++;
            } else if (c == '#') {
                int nl = src.indexOf('\n', pos);
                pos = nl < 0 ? src.length() : nl;
            } else {
                return true;
            }
        }
        return false;
    }

    private void statement() {
        int statementLine = line;
        if (src.startsWith("export", pos) && pos + 6 < src.length() && (src.charAt(pos + 6) == ' '
                || src.charAt(pos + 6) == '\t')) {
            pos += 6;
            while (pos < src.length() && isSpace(src.charAt(pos))) {
                pos++;
            }
        }
        int start = pos;
        char terminator = 0;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '=' || c == ':' || c == '\n') {
                terminator = c;
                break;
            }
            if (!isSpace(c) && !isKeyChar(c)) {
                int nl = src.indexOf('\n', start);
                throw new Malformed(line, "unexpected character '" + c + "' in variable name '"
                    + src.substring(start, nl < 0 ? src.length() : nl).strip() + "'");
            }
            pos++;
        }
        String key = trimRight(src.substring(start, pos));
        if (key.isEmpty()) {
            throw new Malformed(statementLine, "a variable name is missing before '" + terminator + "'");
        }
        for (int i = 0; i < key.length(); i++) {
            if (isSpace(key.charAt(i))) {
                throw new Malformed(statementLine, "variable name '" + key + "' contains whitespace");
            }
        }
        if (terminator != '=' && terminator != ':') {
            // a name alone on its line (or at the end of the text): the variable's value, if there is one
            if (terminator == '\n') {
                pos++;
                line++;
            }
            lookup.apply(key).ifPresent(value -> out.put(key, value));
            return;
        }
        pos++;
        while (pos < src.length() && isSpace(src.charAt(pos))) {
            pos++;
        }
        out.put(key, value());
    }

    private String value() {
        char quote = pos < src.length() ? src.charAt(pos) : 0;
        if (quote != '"' && quote != '\'') {
            int nl = src.indexOf('\n', pos);
            int valueLine = line;
            String v = src.substring(pos, nl < 0 ? src.length() : nl);
            pos = nl < 0 ? src.length() : nl + 1;
            line++;
            int comment = v.indexOf(" #");
            if (comment >= 0) {
                v = v.substring(0, comment);
            }
            return expander.expand(trimRight(v), valueLine);
        }
        int valueLine = line;
        StringBuilder chars = new StringBuilder();
        boolean escaped = false;
        for (int i = pos + 1; i < src.length(); i++) {
            char c = src.charAt(i);
            if (c == '\n') {
                line++;
            }
            if (escaped) {
                escaped = false;
                if (c != quote) {
                    chars.append('\\');
                }
                chars.append(c);
            } else if (c == '\\') {
                escaped = true;
            } else if (c == quote) {
                pos = i + 1;
                return quote == '"' ? expander.expand(escapes(chars.toString()), valueLine) : chars.toString();
            } else {
                chars.append(c);
            }
        }
        int nl = src.indexOf('\n', pos);
        throw new Malformed(valueLine, "the quoted value " + src.substring(pos, nl < 0 ? src.length() : nl)
            + " is not closed");
    }

    /** The escapes of a double-quoted value; {@code \$} becomes {@code $$}, which interpolation turns into {@code $}. */
    static String escapes(String s) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                b.append(c);
                i++;
                continue;
            }
            char n = s.charAt(i + 1);
            switch (n) {
                case 'a' -> b.append('\u0007');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'v' -> b.append('\u000B');
                case '$' -> b.append("$$");
                case '"' -> b.append('"');
                case '\\' -> b.append('\\');
                case '0' -> {
                    int end = i + 2;
                    while (end < s.length() && end < i + 5 && Character.isDigit(s.charAt(end))) {
                        end++;
                    }
                    String digits = s.substring(i + 2, end);
                    if (digits.matches("[0-7]{3}") && Integer.parseInt(digits, 8) <= 0xFF) {
                        b.append((char) Integer.parseInt(digits, 8));
                    } else {
                        b.append('\\').append(digits);
                    }
                    i = end;
                    continue;
                }
                default -> b.append('\\').append(n);
            }
            i += 2;
        }
        return b.toString();
    }

    /** A blank that is not a line break (compose's isSpace). */
    private static boolean isSpace(char c) {
        return c == '\t' || c == '\u000B' || c == '\f' || c == '\r' || c == ' ' || c == '\u0085' || c == '\u00A0';
    }

    private static boolean isUnicodeSpace(char c) {
        return isSpace(c) || c == '\n' || Character.isSpaceChar(c);
    }

    private static boolean isKeyChar(char c) {
        return c == '_' || c == '.' || c == '-' || c == '[' || c == ']' || Character.isLetterOrDigit(c);
    }

    private static String trimRight(String s) {
        int end = s.length();
        while (end > 0 && isUnicodeSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    private static String trimLeft(String s) {
        int start = 0;
        while (start < s.length() && isUnicodeSpace(s.charAt(start))) {
            start++;
        }
        return s.substring(start);
    }
}
