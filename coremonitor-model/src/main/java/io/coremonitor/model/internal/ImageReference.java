package io.coremonitor.model.internal;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks an image reference against Docker's reference grammar (github.com/distribution/reference):
 * {@code [host[:port]/]path[:tag][@digest]}, where each path component is lower-case letters and digits joined by
 * {@code .}, {@code _}, {@code __} or runs of {@code -}; a host is DNS labels (letters of either case, digits, inner
 * {@code -}) joined by dots, or an IPv6 address in brackets, with an optional port; a tag is a word character then up
 * to 127 word characters, dots and dashes; a digest is {@code algorithm:hex} ({@code sha256} with 64 lower-case hex
 * digits); the name (host and path) has at most 255 characters.
 */
final class ImageReference {

    /** The longest name Docker accepts (host and path, without tag and digest). */
    static final int MAX_NAME = 255;

    private static final String ALNUM = "[a-z0-9]+";
    private static final String SEPARATOR = "(?:[._]|__|-+)";
    private static final String PATH_COMPONENT = ALNUM + "(?:" + SEPARATOR + ALNUM + ")*";
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String HOST = "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*|\\[[a-fA-F0-9:]+\\])";
    private static final Pattern DOMAIN = Pattern.compile(HOST + "(?::[0-9]+)?");
    private static final Pattern PATH = Pattern.compile(PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");
    private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");

    private ImageReference() {
    }

    /** What is wrong with {@code reference}, or empty when Docker would accept it. */
    static Optional<String> problem(String reference) {
        String rest = reference;
        int at = rest.indexOf('@');
        if (at >= 0) {
            String digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!DIGEST.matcher(digest).matches() || digest.startsWith("sha256:") && !SHA256.matcher(digest).matches()) {
                return Optional.of("'" + shown(digest) + "' is not a digest: expected algorithm:hex, such as sha256: and 64"
                    + " lower-case hexadecimal digits");
            }
        }
        int slash = rest.lastIndexOf('/');
        int colon = rest.lastIndexOf(':');
        if (colon > slash) {
            String tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (tag.isEmpty()) {
                return Optional.of("the tag after ':' is empty");
            }
            if (!TAG.matcher(tag).matches()) {
                return Optional.of("'" + shown(tag) + "' is not a tag: a letter, digit or '_', then up to 127 letters, digits,"
                    + " '_', '.' or '-'");
            }
        }
        if (rest.isEmpty()) {
            return Optional.of("no image name");
        }
        if (rest.length() > MAX_NAME) {
            return Optional.of("the image name has " + rest.length() + " characters, more than " + MAX_NAME);
        }
        String path = rest;
        int first = rest.indexOf('/');
        if (first > 0) {
            String head = rest.substring(0, first);
            // as Docker: the first component is a registry host when it has a '.' or a ':', or is localhost
            if (head.contains(".") || head.contains(":") || head.equals("localhost") || !head.equals(head.toLowerCase())) {
                if (!DOMAIN.matcher(head).matches()) {
                    return Optional.of("'" + shown(head) + "' is not a registry host[:port]");
                }
                path = rest.substring(first + 1);
            }
        }
        if (!PATH.matcher(path).matches()) {
            return Optional.of("'" + shown(path) + "' is not an image name: lower-case letters and digits, separated by '.',"
                + " '_', '__', '-' or '/'" + (path.equals(path.toLowerCase()) ? "" : " (no capital letters)"));
        }
        return Optional.empty();
    }

    private static String shown(String text) {
        String cut = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
