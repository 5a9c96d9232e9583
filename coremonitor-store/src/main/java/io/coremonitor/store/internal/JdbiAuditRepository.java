package io.coremonitor.store.internal;

import io.coremonitor.model.AuditEntry;
import io.coremonitor.model.Page;
import io.coremonitor.store.AuditRepository;
import io.coremonitor.store.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.Query;

/** {@link AuditRepository} over Jdbi. */
public final class JdbiAuditRepository implements AuditRepository {

    private static final String CURSOR_KIND = "audit";

    private final Db db;

    public JdbiAuditRepository(Db db) {
        this.db = db;
    }

    @Override
    public AuditEntry append(String actor, String action, Optional<String> stackId, Optional<Long> commandId, String detail) {
        Instant now = db.now();
        return db.write(AuditDao.class, dao -> {
            AuditEntry entry = new AuditEntry(dao.nextId(), now, actor, action, stackId, commandId, detail);
            dao.insert(entry);
            return entry;
        });
    }

    @Override
    public Page<AuditEntry> list(Optional<String> stackId, PageRequest page) {
        StringBuilder sql = new StringBuilder(
                "SELECT audit_id, occurred_at, actor, action, stack_id, command_id, detail FROM audit_log WHERE 1 = 1");
        stackId.ifPresent(s -> sql.append(" AND stack_id = :stackId"));
        Optional<Long> after = page.cursor().map(c -> Cursors.decodeLong(CURSOR_KIND, c));
        after.ifPresent(a -> sql.append(" AND audit_id > :after"));
        sql.append(" ORDER BY audit_id LIMIT :limit");
        List<AuditEntry> rows = db.read(s -> {
            Query q = s.handle().createQuery(sql.toString()).bind("limit", page.limit() + 1);
            stackId.ifPresent(id -> q.bind("stackId", id));
            after.ifPresent(a -> q.bind("after", a.longValue()));
            return q.mapTo(AuditEntry.class).list();
        });
        return Cursors.page(rows, page, e -> Cursors.encode(CURSOR_KIND, Long.toString(e.auditId())));
    }
}
