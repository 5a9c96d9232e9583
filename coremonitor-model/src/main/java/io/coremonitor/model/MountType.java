package io.coremonitor.model;

import java.util.Locale;

/** The kind of a service mount. */
public enum MountType {
    VOLUME, BIND, TMPFS;

    /** The compose spelling: {@code volume}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
