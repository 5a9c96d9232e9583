package io.coremonitor.model.internal;

import java.util.regex.Pattern;

/** Error paths: {@code services.web.ports[1]}, {@code services.web.labels["com.example.a"]}. */
public final class Paths {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_-]+");

    private Paths() {
    }

    public static String key(String parent, String key) {
        if (!PLAIN.matcher(key).matches()) {
            return parent + "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
        }
        return parent.isEmpty() ? key : parent + "." + key;
    }

    public static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** True when {@code path} is {@code ancestor} or below it. */
    public static boolean isWithin(String path, String ancestor) {
        if (ancestor.isEmpty() || path.equals(ancestor)) {
            return true;
        }
        return path.startsWith(ancestor) && (path.charAt(ancestor.length()) == '.' || path.charAt(ancestor.length()) == '[');
    }
}
