package io.coremonitor.model.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Compose variable interpolation of string values (never keys): {@code $V}, {@code ${V}}, {@code ${V:-d}},
 * {@code ${V-d}}, {@code ${V:?err}}, {@code ${V?err}}, {@code ${V:+alt}}, {@code ${V+alt}}, {@code $$}; defaults and
 * alternatives are interpolated too (nesting). An unset variable without default becomes "" with a warning. Like compose,
 * {@code x-*} extension values are interpolated too (a key named x-... is also an ordinary label or variable name).
 */
public final class Interpolator {

    private final Function<String, String> variables;
    private final Problems problems;

    public Interpolator(Map<String, String> variables, Problems problems) {
        this(variables::get, problems);
    }

    /** An interpolator whose variables are looked up by a function (null: not set). */
    public Interpolator(Function<String, String> variables, Problems problems) {
        this.variables = variables;
        this.problems = problems;
    }

    /** A copy of the tree with every string value interpolated; errors and warnings go to the problems. */
    public Object tree(Object value, String path) {
        if (value instanceof String s) {
            return string(s, path);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = (String) e.getKey();
                out.put(key, tree(e.getValue(), Paths.key(path, key)));
            }
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                out.add(tree(list.get(i), Paths.index(path, i)));
            }
            return out;
        }
        return value;
    }

    /** One string; on error the problem is recorded and the raw text is returned. */
    public String string(String text, String path) {
        try {
            return expand(text, path);
        } catch (Malformed e) {
            problems.error(path, e.getMessage());
            return text;
        }
    }

    private String expand(String text, String path) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 >= text.length()) {
                throw new Malformed("invalid interpolation format in '" + text + "': a '$' must be followed by a name,"
                    + " '{name}' or '$' (write '$$' for a literal '$')");
            }
            char next = text.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
            } else if (next == '{') {
                int close = matchingBrace(text, i + 2);
                if (close < 0) {
                    throw new Malformed("invalid interpolation format in '" + text + "': '${' is not closed by '}'");
                }
                out.append(braced(text.substring(i + 2, close), text, path));
                i = close + 1;
            } else if (isNameStart(next)) {
                int end = i + 1;
                while (end < text.length() && isNamePart(text.charAt(end))) {
                    end++;
                }
                out.append(lookup(text.substring(i + 1, end), path));
                i = end;
            } else {
                throw new Malformed("invalid interpolation format in '" + text + "': a '$' must be followed by a name,"
                    + " '{name}' or '$' (write '$$' for a literal '$')");
            }
        }
        return out.toString();
    }

    private String braced(String inner, String text, String path) {
        int n = 0;
        while (n < inner.length() && (n == 0 ? isNameStart(inner.charAt(n)) : isNamePart(inner.charAt(n)))) {
            n++;
        }
        String name = inner.substring(0, n);
        if (name.isEmpty()) {
            throw new Malformed("invalid interpolation format in '" + text + "': '${" + inner + "}' does not start with a variable name");
        }
        String rest = inner.substring(n);
        if (rest.isEmpty()) {
            return lookup(name, path);
        }
        String value = variables.apply(name);
        boolean colon = rest.startsWith(":");
        String op = colon ? rest.substring(0, Math.min(2, rest.length())) : rest.substring(0, 1);
        String arg = rest.substring(op.length());
        boolean unset = value == null || colon && value.isEmpty();
        switch (op) {
            case ":-":
            case "-":
                return unset ? expand(arg, path) : value;
            case ":+":
            case "+":
                return unset ? "" : expand(arg, path);
            case ":?":
            case "?":
                if (unset) {
                    String msg = expand(arg, path);
                    throw new Malformed("required variable " + name + " is missing a value" + (msg.isEmpty() ? "" : ": " + msg));
                }
                return value;
            default:
                throw new Malformed("invalid interpolation format in '" + text + "': unknown operator in '${" + inner + "}'"
                    + " (use :-, -, :?, ?, :+ or +)");
        }
    }

    private String lookup(String name, String path) {
        String value = variables.apply(name);
        if (value == null) {
            problems.warn(path, "variable " + name + " is not set; using an empty string");
            return "";
        }
        return value;
    }

    /** Index of the '}' closing a '${' whose content starts at {@code from}, honouring nested '${...}'; -1 if none. */
    private static int matchingBrace(String text, int from) {
        int depth = 1;
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '$') {
                i += 2;
                continue;
            }
            if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                depth++;
                i += 2;
                continue;
            }
            if (c == '}') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
            i++;
        }
        return -1;
    }

    private static boolean isNameStart(char c) {
        return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || c >= '0' && c <= '9';
    }

    /** A malformed template or a required variable without value. */
    private static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }
}
