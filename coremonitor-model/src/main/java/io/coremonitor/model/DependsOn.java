package io.coremonitor.model;

import java.util.Objects;

/**
 * One {@code depends_on} entry. The list form means {@code service_started}, required, no restart.
 *
 * @param condition what to wait for
 * @param restart   restart this service when the dependency is updated/restarted
 * @param required  fail when the dependency is missing (false: only warn)
 */
public record DependsOn(DependsOnCondition condition, boolean restart, boolean required) {

    public DependsOn {
        Objects.requireNonNull(condition, "condition");
    }

    /** The meaning of the list form. */
    public static DependsOn started() {
        return new DependsOn(DependsOnCondition.SERVICE_STARTED, false, true);
    }
}
