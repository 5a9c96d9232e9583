package io.coremonitor.store;

import io.coremonitor.model.AuditEntry;
import io.coremonitor.model.Page;
import java.util.Optional;

/** The audit trail: who did what, when. Entries are never updated; they outlive the stacks they mention. */
public interface AuditRepository {

    AuditEntry append(String actor, String action, Optional<String> stackId, Optional<Long> commandId, String detail);

    /** Entries oldest first, all of them or those of one stack. */
    Page<AuditEntry> list(Optional<String> stackId, PageRequest page);
}
