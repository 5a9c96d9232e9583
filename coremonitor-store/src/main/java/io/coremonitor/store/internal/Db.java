package io.coremonitor.store.internal;

import io.coremonitor.model.AuditEntry;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandLogLine;
import io.coremonitor.model.CoreMonitorException;
import io.coremonitor.model.Stack;
import io.coremonitor.model.StackVersion;
import io.coremonitor.store.ContainerStats;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every repository shares: Jdbi, a pool of {@link Session}s, the write gate and the clock.
 */
public final class Db implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Db.class);
    private static final int MAX_IDLE_SESSIONS = 8;

    private final Jdbi jdbi;
    private final WriteGate gate;
    private final boolean sqlite;
    private final Clock clock;
    private final BlockingDeque<Session> idle = new LinkedBlockingDeque<>();
    private volatile boolean closed;

    public Db(Jdbi jdbi, WriteGate gate, boolean sqlite, Clock clock) {
        this.jdbi = jdbi;
        this.gate = gate;
        this.sqlite = sqlite;
        this.clock = clock;
    }

    /** A Jdbi with SqlObject and the store's conventions: instants are epoch milliseconds in BIGINT columns. */
    public static Jdbi configure(Jdbi jdbi) {
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.registerArgument(new InstantArgumentFactory());
        jdbi.registerRowMapper(Stack.class, new StackMapper());
        jdbi.registerRowMapper(Command.class, new CommandMapper());
        jdbi.registerRowMapper(StackVersion.class, new StackVersionMapper());
        jdbi.registerRowMapper(CommandLogLine.class, new CommandLogLineMapper());
        jdbi.registerRowMapper(AuditEntry.class, new AuditEntryMapper());
        jdbi.registerRowMapper(ContainerStats.class, new ContainerStatsMapper());
        jdbi.registerColumnMapper(Instant.class, (ColumnMapper<Instant>) (rs, col, ctx) -> {
            long millis = rs.getLong(col);
            return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
        });
        return jdbi;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** Now, at the millisecond precision the store keeps. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** A read in auto-commit (never blocked by writers in WAL mode). */
    public <T> T read(Function<Session, T> callback) {
        return withSession(callback);
    }

    /** A read through one SqlObject DAO. */
    public <D, T> T read(Class<D> dao, Function<D, T> callback) {
        return withSession(s -> callback.apply(s.dao(dao)));
    }

    /** A write transaction, serialized by the gate (BEGIN IMMEDIATE on SQLite). */
    public <T> T write(Function<Session, T> callback) {
        if (sqlite) {
            return gate.run(() -> withSession(s -> s.sqliteTransaction(callback)));
        }
        return gate.run(() -> withSession(s -> s.handle().inTransaction(h -> callback.apply(s))));
    }

    /** A write transaction through one SqlObject DAO. */
    public <D, T> T write(Class<D> dao, Function<D, T> callback) {
        return write(s -> callback.apply(s.dao(dao)));
    }

    /** One write statement in auto-commit (its own transaction), serialized by the gate. */
    public <D, T> T writeOne(Class<D> dao, Function<D, T> callback) {
        return gate.run(() -> withSession(s -> callback.apply(s.dao(dao))));
    }

    private <T> T withSession(Function<Session, T> callback) {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
        Session session = idle.pollFirst();
        if (session == null) {
            session = new Session(jdbi.open());
        }
        boolean healthy = false;
        try {
            T result = callback.apply(session);
            healthy = true;
            return result;
        } catch (CoreMonitorException | IllegalArgumentException | IllegalStateException e) {
            // refused on purpose: the connection is fine
            healthy = true;
            throw e;
        } finally {
            giveBack(session, healthy);
        }
    }

    private void giveBack(Session session, boolean healthy) {
        try {
            if (healthy && session.handle().isInTransaction()) {
                session.handle().rollback();
            }
        } catch (RuntimeException e) {
            healthy = false;
        }
        if (healthy && !closed && idle.size() < MAX_IDLE_SESSIONS) {
            idle.offerFirst(session);
            return;
        }
        try {
            session.close();
        } catch (RuntimeException e) {
            LOG.debug("closing a session failed", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        Session s;
        while ((s = idle.pollFirst()) != null) {
            try {
                s.close();
            } catch (RuntimeException e) {
                LOG.debug("closing a session failed", e);
            }
        }
    }

    /** Binds an {@link Instant} as epoch milliseconds. */
    static final class InstantArgumentFactory extends AbstractArgumentFactory<Instant> {

        InstantArgumentFactory() {
            super(Types.BIGINT);
        }

        @Override
        protected Argument build(Instant value, ConfigRegistry config) {
            return (position, statement, ctx) -> statement.setLong(position, value.toEpochMilli());
        }
    }
}
