package io.coremonitor.engine.catalog.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Dotted version numbers compared segment by segment: numerically when both segments start with digits
 * ({@code 10.1 > 9}, {@code 39.0.1.Final > 39}), else as text; a missing segment counts as 0.
 */
public final class Versions {

    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._-]*");

    private Versions() {
    }

    /** Whether {@code text} can be a version: a digit or letter first, then digits, letters, dots, '_' or '-'. */
    public static boolean isValid(String text) {
        return text != null && VERSION.matcher(text).matches();
    }

    /** Negative, zero or positive as {@code a} is lower than, equal to or higher than {@code b}. */
    public static int compare(String a, String b) {
        List<String> left = segments(a);
        List<String> right = segments(b);
        int n = Math.max(left.size(), right.size());
        for (int i = 0; i < n; i++) {
            String l = i < left.size() ? left.get(i) : "0";
            String r = i < right.size() ? right.get(i) : "0";
            int c = compareSegment(l, r);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Whether {@code version} starts with every segment of {@code prefix} ({@code 10.1.2} starts with {@code 10.1}). */
    public static boolean hasPrefix(String version, String prefix) {
        List<String> v = segments(version);
        List<String> p = segments(prefix);
        if (p.size() > v.size()) {
            return false;
        }
        for (int i = 0; i < p.size(); i++) {
            if (compareSegment(v.get(i), p.get(i)) != 0) {
                return false;
            }
        }
        return true;
    }

    private static List<String> segments(String version) {
        return new ArrayList<>(List.of(version.split("\\.")));
    }

    private static int compareSegment(String l, String r) {
        long ln = leadingNumber(l);
        long rn = leadingNumber(r);
        if (ln >= 0 && rn >= 0) {
            if (ln != rn) {
                return Long.compare(ln, rn);
            }
            return l.substring(digits(l)).compareTo(r.substring(digits(r)));
        }
        return l.compareTo(r);
    }

    private static int digits(String s) {
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static long leadingNumber(String s) {
        int d = Math.min(digits(s), 18);
        return d == 0 ? -1 : Long.parseLong(s.substring(0, d));
    }
}
