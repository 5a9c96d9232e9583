package io.coremonitor.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Who did what, when: one row of the audit trail.
 *
 * @param auditId   ascending id
 * @param at        when
 * @param actor     who (a user name, a token name, or {@code system})
 * @param action    what, for example {@code STACK_CREATED}, {@code VERSION_CREATED}, {@code COMMAND_ENQUEUED}
 * @param stackId   the stack concerned, if any
 * @param commandId the command concerned, if any
 * @param detail    free text or JSON
 */
public record AuditEntry(
        long auditId,
        Instant at,
        String actor,
        String action,
        Optional<String> stackId,
        Optional<Long> commandId,
        String detail) {

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(stackId, "stackId");
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(detail, "detail");
    }
}
