package io.coremonitor.store.internal;

import io.coremonitor.model.Page;
import io.coremonitor.store.InvalidPageRequestException;
import io.coremonitor.store.PageRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Opaque keyset cursors: base64url of {@code kind SEP key parts}. The kind makes a cursor of one list unusable on
 * another.
 */
public final class Cursors {

    private static final char SEP = '\u001f';

    private Cursors() {
    }

    public static String encode(String kind, String... parts) {
        StringBuilder sb = new StringBuilder(kind);
        for (String p : parts) {
            sb.append(SEP).append(p);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The key parts of a cursor of this kind. */
    public static List<String> decode(String kind, String cursor, int parts) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidPageRequestException(InvalidPageRequestException.CURSOR,
                    "invalid cursor: " + abbreviate(cursor));
        }
        List<String> all = new ArrayList<>(Arrays.asList(text.split(String.valueOf(SEP), -1)));
        if (all.size() != parts + 1 || !all.get(0).equals(kind)) {
            throw invalid(cursor);
        }
        return all.subList(1, all.size());
    }

    public static long decodeLong(String kind, String cursor) {
        return parseLong(decode(kind, cursor, 1).get(0), cursor);
    }

    /** A number part of a decoded cursor (an {@link InvalidPageRequestException} naming the cursor when it is not). */
    public static long parseLong(String part, String cursor) {
        try {
            return Long.parseLong(part);
        } catch (NumberFormatException e) {
            throw invalid(cursor);
        }
    }

    /** The error of a cursor that decodes but does not fit this list. */
    public static InvalidPageRequestException invalid(String cursor) {
        return new InvalidPageRequestException(InvalidPageRequestException.CURSOR,
                "invalid cursor for this list: " + abbreviate(cursor));
    }

    /** Makes a page of {@code rows}, which were read with a limit of {@code page.limit() + 1}. */
    public static <T> Page<T> page(List<T> rows, PageRequest page, Function<T, String> cursorOf) {
        if (rows.size() <= page.limit()) {
            return new Page<>(rows, Optional.empty());
        }
        List<T> items = rows.subList(0, page.limit());
        return new Page<>(items, Optional.of(cursorOf.apply(items.get(items.size() - 1))));
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
