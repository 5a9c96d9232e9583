package io.coremonitor.store.internal;

import io.coremonitor.model.AuditEntry;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL of the audit_log table. */
public interface AuditDao {

    @SqlQuery("UPDATE sequences SET value = value + 1 WHERE name = 'audit_log' RETURNING value")
    long nextId();

    @SqlUpdate("INSERT INTO audit_log (audit_id, occurred_at, actor, action, stack_id, command_id, detail)"
            + " VALUES (:auditId, :at, :actor, :action, :stackId, :commandId, :detail)")
    void insert(@BindMethods AuditEntry entry);

    @SqlQuery("SELECT audit_id, occurred_at, actor, action, stack_id, command_id, detail FROM audit_log"
            + " WHERE audit_id = :id")
    Optional<AuditEntry> get(@Bind("id") long auditId);
}
