package io.coremonitor.model;

import java.util.Locale;
import java.util.Optional;

/** What a dependent service waits for. */
public enum DependsOnCondition {
    SERVICE_STARTED, SERVICE_HEALTHY, SERVICE_COMPLETED_SUCCESSFULLY;

    /** The compose spelling: {@code service_healthy}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DependsOnCondition> fromValue(String value) {
        for (DependsOnCondition c : values()) {
            if (c.value().equals(value)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
