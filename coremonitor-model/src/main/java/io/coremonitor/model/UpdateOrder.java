package io.coremonitor.model;

import java.util.Optional;

/** How an APPLY replaces a service's container ({@code deploy.update_config.order}). */
public enum UpdateOrder {
    /** The old container is stopped and removed, then the new one created and started (the default). */
    STOP_FIRST("stop-first"),
    /**
     * The new container is created under a temporary name and started; once it is healthy (or running without a health
     * check) the old one is removed and the new one renamed: no gap in service.
     */
    START_FIRST("start-first");

    private final String value;

    UpdateOrder(String value) {
        this.value = value;
    }

    /** The compose spelling. */
    public String value() {
        return value;
    }

    /** The order of a compose spelling, empty when it is none. */
    public static Optional<UpdateOrder> parse(String text) {
        for (UpdateOrder o : values()) {
            if (o.value.equals(text)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }
}
