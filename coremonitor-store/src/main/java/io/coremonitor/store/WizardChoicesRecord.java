package io.coremonitor.store;

import java.time.Instant;
import java.util.Objects;

/**
 * The wizard's choices a version was generated from.
 *
 * @param stackId   the stack
 * @param version   the version they made ({@code v2})
 * @param choices   the choices as JSON text, without the values of secret parameters
 * @param createdAt when they were recorded
 * @param createdBy who recorded them
 */
public record WizardChoicesRecord(String stackId, String version, String choices, Instant createdAt, String createdBy) {

    public WizardChoicesRecord {
        Objects.requireNonNull(stackId, "stackId");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(choices, "choices");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
    }
}
