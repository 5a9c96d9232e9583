package io.coremonitor.store.internal;

import io.coremonitor.model.AuditEntry;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandNotFoundException;
import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.CommandStatusConflictException;
import io.coremonitor.model.CommandType;
import io.coremonitor.model.LogLevel;
import io.coremonitor.model.Page;
import io.coremonitor.model.StackNotFoundException;
import io.coremonitor.store.CommandFilter;
import io.coremonitor.store.CommandRepository;
import io.coremonitor.store.LeaseRepository;
import io.coremonitor.store.NewCommand;
import io.coremonitor.store.PageRequest;
import io.coremonitor.store.QueueSnapshot;
import io.coremonitor.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.statement.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link CommandRepository} over Jdbi. */
public final class JdbiCommandRepository implements CommandRepository {

    private static final Logger LOG = LoggerFactory.getLogger(JdbiCommandRepository.class);
    private static final String CURSOR_KIND = "commands";
    private static final int MAX_CAS_ROUNDS = 16;
    private static final int MAX_ID_ROUNDS = 1000;

    private final Db db;

    public JdbiCommandRepository(Db db) {
        this.db = db;
    }

    @Override
    public Command enqueue(NewCommand c) {
        Instant now = db.now();
        return insertWithNextId(c, () -> db.writeOne(CommandDao.class, dao -> dao.insertNext(c, now)), now);
    }

    @Override
    public Command enqueue(NewCommand c, String logLine, String auditAction, String auditDetail) {
        Instant now = db.now();
        return insertWithNextId(c, () -> db.write(s -> {
            long id = s.dao(CommandDao.class).insertNext(c, now);
            s.dao(CommandLogDao.class).append(id, now, LogLevel.INFO, logLine);
            AuditDao audit = s.dao(AuditDao.class);
            audit.insert(new AuditEntry(audit.nextId(), now, c.createdBy(), auditAction, Optional.of(c.stackId()),
                    Optional.of(id), auditDetail));
            return id;
        }), now);
    }

    /**
     * Runs an insert of the command (which takes the highest id + 1) until it gets an id: on PostgreSQL a concurrent
     * enqueue may take the same id first (unique violation), and the whole write is tried again.
     */
    private Command insertWithNextId(NewCommand c, Supplier<Long> insert, Instant now) {
        for (int round = 1; ; round++) {
            try {
                long id = insert.get();
                LOG.debug("command {} {} enqueued for stack {}", id, c.type(), c.stackId());
                return new Command(id, c.stackId(), c.type(), c.payload(), CommandStatus.PENDING, 1, now, Optional.empty(),
                        Optional.empty(), c.createdBy(), Optional.empty());
            } catch (StoreException e) {
                if (SqlErrors.isForeignKeyViolation(e)) {
                    throw new StackNotFoundException(c.stackId());
                }
                if (!SqlErrors.isUniqueViolation(e) || round >= MAX_ID_ROUNDS) {
                    throw e;
                }
                LOG.debug("enqueue raced for an id, retrying (round {})", round);
            }
        }
    }

    @Override
    public boolean hasActive(String stackId, CommandType type) {
        return db.read(CommandDao.class, dao -> dao.hasActive(stackId, type.name()));
    }

    @Override
    public Command start(long commandId, String logLine) {
        Instant now = db.now();
        Optional<Command> started = db.write(s -> {
            Optional<Command> moved = s.dao(CommandDao.class).start(commandId, CommandStatus.PENDING.name(), now);
            moved.ifPresent(m -> s.dao(CommandLogDao.class).append(commandId, now, LogLevel.INFO, logLine));
            return moved;
        });
        if (started.isPresent()) {
            return started.get();
        }
        throw conflict(commandId, CommandStatus.PENDING, CommandStatus.RUNNING);
    }

    @Override
    public Optional<Command> finishAsLeaseHolder(long commandId, CommandStatus target, Optional<String> error, LogLevel level,
            String logLine, String leaseOwner, Duration leaseTtl) {
        CommandStatus.RUNNING.checkMoveTo(target, commandId);
        Instant now = db.now();
        Instant leaseExpires = now.plus(leaseTtl);
        Optional<Optional<Command>> result = db.write(s -> {
            if (s.dao(LeaseDao.class).renew(LeaseRepository.QUEUE_WORKER, leaseOwner, leaseExpires).isEmpty()) {
                return Optional.empty();
            }
            CommandDao dao = s.dao(CommandDao.class);
            Optional<Command> moved = error.isPresent()
                    ? dao.endWithError(commandId, CommandStatus.RUNNING.name(), target.name(), now, error.get())
                    : dao.end(commandId, CommandStatus.RUNNING.name(), target.name(), now);
            moved.ifPresent(m -> s.dao(CommandLogDao.class).append(commandId, now, level, logLine));
            return Optional.of(moved);
        });
        if (result.isEmpty()) {
            LOG.warn("command {}: {} not recorded, {} does not hold the worker lease", commandId, target, leaseOwner);
            return Optional.empty();
        }
        if (result.get().isPresent()) {
            return result.get();
        }
        throw conflict(commandId, CommandStatus.RUNNING, target);
    }

    @Override
    public Optional<Command> get(long commandId) {
        return db.read(CommandDao.class, dao -> dao.get(commandId));
    }

    @Override
    public Optional<Command> first(CommandStatus status) {
        return db.read(CommandDao.class, dao -> status.isFinal() ? dao.firstFinishedIn(status.name())
                : dao.firstUnfinishedIn(status.name()));
    }

    @Override
    public Optional<Command> firstUnfinished() {
        return db.read(CommandDao.class, CommandDao::firstUnfinished);
    }

    @Override
    public long countPending() {
        return count(CommandStatus.PENDING);
    }

    @Override
    public QueueSnapshot snapshot() {
        CommandMapper mapper = new CommandMapper();
        List<SnapshotRow> rows = db.read(s -> s.handle().createQuery(CommandDao.SNAPSHOT)
                .map((rs, ctx) -> {
                    long pending = rs.getLong("pending_count");
                    rs.getLong("command_id");
                    return new SnapshotRow(pending, rs.wasNull() ? Optional.empty() : Optional.of(mapper.map(rs, ctx)));
                }).list());
        long pending = rows.isEmpty() ? 0 : rows.get(0).pending();
        Optional<Command> running = rows.stream().flatMap(r -> r.command().stream())
                .filter(c -> c.status() == CommandStatus.RUNNING).findFirst();
        Optional<Command> head = rows.stream().flatMap(r -> r.command().stream())
                .min(Comparator.comparingLong(Command::commandId));
        return new QueueSnapshot(running, pending, head);
    }

    private record SnapshotRow(long pending, Optional<Command> command) {
    }

    @Override
    public long count(CommandStatus status) {
        return db.read(CommandDao.class, dao -> status.isFinal() ? dao.countFinishedIn(status.name())
                : dao.countUnfinishedIn(status.name()));
    }

    @Override
    public Command transition(long commandId, CommandStatus expected, CommandStatus target, Optional<String> error) {
        expected.checkMoveTo(target, commandId);
        Instant now = db.now();
        Optional<Command> moved = db.writeOne(CommandDao.class, dao -> switch (target) {
            case RUNNING -> dao.start(commandId, expected.name(), now);
            case PENDING -> dao.requeue(commandId, expected.name());
            case DONE, FAILED, CANCELLED -> error.isPresent()
                    ? dao.endWithError(commandId, expected.name(), target.name(), now, error.get())
                    : dao.end(commandId, expected.name(), target.name(), now);
        });
        if (moved.isPresent()) {
            LOG.debug("command {}: {} -> {}", commandId, expected, target);
            return moved.get();
        }
        throw conflict(commandId, expected, target);
    }

    /** A compare-and-set that moved nothing: the command's actual status, or that it does not exist. */
    private CommandStatusConflictException conflict(long commandId, CommandStatus expected, CommandStatus target) {
        Command actual = get(commandId).orElseThrow(() -> new CommandNotFoundException(commandId));
        return new CommandStatusConflictException(commandId, expected, actual.status(), target);
    }

    @Override
    public Command cancel(long commandId, String reason) {
        // read the status, then compare-and-set on it; a lost race (RUNNING finished meanwhile) is retried
        for (int round = 0; round < MAX_CAS_ROUNDS; round++) {
            Command current = getOrThrow(commandId);
            try {
                return transition(commandId, current.status(), CommandStatus.CANCELLED, Optional.of(reason));
            } catch (CommandStatusConflictException e) {
                LOG.debug("cancel of command {} raced with a status change, retrying", commandId);
            }
        }
        CommandStatus now = getOrThrow(commandId).status();
        throw new CommandStatusConflictException(commandId, now, now, CommandStatus.CANCELLED);
    }

    @Override
    public Command retry(long commandId) {
        Command current = getOrThrow(commandId);
        current.status().checkMoveTo(CommandStatus.PENDING, commandId);
        return transition(commandId, CommandStatus.FAILED, CommandStatus.PENDING, Optional.empty());
    }

    @Override
    public Command recoverInterrupted(long commandId, int maxAttempts, String reason) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        Instant now = db.now();
        Command result = db.write(s -> {
            CommandDao dao = s.dao(CommandDao.class);
            Command failed = dao.endWithError(commandId, CommandStatus.RUNNING.name(), CommandStatus.FAILED.name(), now, reason)
                    .orElseThrow(() -> new CommandStatusConflictException(commandId, CommandStatus.RUNNING,
                            dao.get(commandId).orElseThrow(() -> new CommandNotFoundException(commandId)).status(),
                            CommandStatus.FAILED));
            boolean again = failed.attempt() < maxAttempts;
            String line = again
                    ? "interrupted (" + reason + "): back to PENDING for attempt " + (failed.attempt() + 1) + " of " + maxAttempts
                    : "interrupted (" + reason + "): FAILED after " + failed.attempt() + " attempt(s) of " + maxAttempts;
            s.dao(CommandLogDao.class).append(commandId, now, again ? LogLevel.WARN : LogLevel.ERROR, line);
            return again ? dao.requeue(commandId, CommandStatus.FAILED.name()).orElseThrow() : failed;
        });
        LOG.info("command {} recovered after an interruption: {} (attempt {})", commandId, result.status(), result.attempt());
        return result;
    }

    @Override
    public Page<Command> list(CommandFilter filter, PageRequest page) {
        StringBuilder sql = new StringBuilder("SELECT ").append(CommandDao.COLUMNS).append(" FROM commands WHERE 1 = 1");
        filter.stackId().ifPresent(s -> sql.append(" AND stack_id = :stackId"));
        filter.status().ifPresent(s -> sql.append(" AND status = :status")
                .append(s.isFinal() ? "" : " AND " + CommandDao.UNFINISHED));
        filter.type().ifPresent(t -> sql.append(" AND type = :type"));
        Optional<Long> after = page.cursor().map(c -> Cursors.decodeLong(CURSOR_KIND, c));
        after.ifPresent(a -> sql.append(" AND command_id > :after"));
        sql.append(" ORDER BY command_id LIMIT :limit");
        List<Command> rows = db.read(s -> {
            Query q = s.handle().createQuery(sql.toString()).bind("limit", page.limit() + 1);
            filter.stackId().ifPresent(id -> q.bind("stackId", id));
            filter.status().ifPresent(st -> q.bind("status", st.name()));
            filter.type().ifPresent(t -> q.bind("type", t.name()));
            after.ifPresent(a -> q.bind("after", a.longValue()));
            return q.mapTo(Command.class).list();
        });
        return Cursors.page(rows, page, c -> Cursors.encode(CURSOR_KIND, Long.toString(c.commandId())));
    }
}
