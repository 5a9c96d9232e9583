package io.coremonitor.engine.catalog.internal;

import java.util.regex.Pattern;

/** A loose check of an image reference ({@code postgres:16}, {@code quay.io/wildfly/wildfly:39.0.1.Final-jdk17}). */
public final class Images {

    private static final Pattern REFERENCE = Pattern.compile("[a-z0-9][A-Za-z0-9._/:@-]*");

    private Images() {
    }

    /** Whether {@code text} looks like an image reference: a lower-case letter or digit first, no blank, no odd character. */
    public static boolean isReference(String text) {
        return text != null && text.length() <= 255 && REFERENCE.matcher(text).matches();
    }
}
