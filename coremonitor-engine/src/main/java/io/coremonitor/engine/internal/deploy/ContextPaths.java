package io.coremonitor.engine.internal.deploy;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Checks of context paths and the file names the application servers derive them from. */
final class ContextPaths {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");

    private ContextPaths() {
    }

    /**
     * Why {@code path} is not a context path made of at most {@code maxSegments} segments of [A-Za-z0-9._-] (not
     * {@code .}, {@code ..}, not starting with a dot, the first not {@code ROOT}), empty when it is.
     */
    static Optional<String> refuses(String path, int maxSegments) {
        if ("/".equals(path)) {
            return Optional.empty();
        }
        if (!path.startsWith("/") || path.endsWith("/")) {
            return Optional.of("a context path is \"/\" or \"/name\" without a trailing slash, got \"" + path + "\"");
        }
        String[] segments = path.substring(1).split("/", -1);
        if (segments.length > maxSegments) {
            return Optional.of("context path \"" + path + "\" has " + segments.length + " segments, at most " + maxSegments + " here");
        }
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches()) {
                return Optional.of("context path \"" + path + "\": segment \"" + segment + "\" is empty or has a character other than "
                    + "A-Z a-z 0-9 . _ -");
            }
            if (segment.startsWith(".")) {
                return Optional.of("context path \"" + path + "\": segment \"" + segment + "\" starts with a dot");
            }
        }
        if ("ROOT".equals(segments[0])) {
            return Optional.of("context path \"" + path + "\": \"ROOT\" is the file name of the root context \"/\"");
        }
        return Optional.empty();
    }

    /** Tomcat's base name of a context path: {@code /} → {@code ROOT}, {@code /a/b} → {@code a#b}. */
    static String baseName(String path) {
        return "/".equals(path) ? "ROOT" : path.substring(1).replace('/', '#');
    }

    /** Whether a file name ends with one of the suffixes, ignoring case. */
    static boolean endsWithAny(String name, String... suffixes) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String suffix : suffixes) {
            if (lower.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }
}
