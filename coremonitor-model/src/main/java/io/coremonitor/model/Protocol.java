package io.coremonitor.model;

import java.util.Locale;

/** Transport protocol of a port. */
public enum Protocol {
    TCP, UDP, SCTP;

    /** The compose spelling: {@code tcp}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
