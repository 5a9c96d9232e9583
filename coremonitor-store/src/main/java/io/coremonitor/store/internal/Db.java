package io.coremonitor.store.internal;

import io.coremonitor.model.Artifact;
import io.coremonitor.model.AuditEntry;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandLogLine;
import io.coremonitor.model.Deployment;
import io.coremonitor.model.Stack;
import io.coremonitor.model.StackVersion;
import io.coremonitor.store.ContainerStats;
import io.coremonitor.store.GitCommitRecord;
import io.coremonitor.store.GitFollowRecord;
import io.coremonitor.store.SecretKeyCheck;
import io.coremonitor.store.SecretRepository;
import io.coremonitor.store.StoreUnavailableException;
import io.coremonitor.store.StoredSecret;
import io.coremonitor.store.WizardChoicesRecord;
import java.nio.file.Path;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * What every repository shares: Jdbi over the store's connection pool, the write gate, the clock, and the one place
 * where database errors become the store's exceptions ({@link StorageFaults#translate}) and where the health of
 * writes is recorded. Each operation takes a connection from the pool for its duration.
 */
public final class Db {

    private final Jdbi jdbi;
    private final WriteGate gate;
    private final boolean sqlite;
    private final Clock clock;
    private final Optional<SqliteFile> file;
    private final WriteState writes = new WriteState();
    private volatile boolean closed;

    /**
     * The shared state of one store.
     *
     * @param sqliteFile        the SQLite database file (empty for PostgreSQL)
     * @param reopenConnections replaces every pooled connection (used when the SQLite file was replaced)
     */
    public Db(Jdbi jdbi, WriteGate gate, Optional<Path> sqliteFile, Runnable reopenConnections, Clock clock) {
        this.jdbi = jdbi;
        this.gate = gate;
        this.sqlite = sqliteFile.isPresent();
        this.file = sqliteFile.map(f -> new SqliteFile(f, reopenConnections));
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
        jdbi.registerRowMapper(Artifact.class, new ArtifactMapper());
        jdbi.registerRowMapper(Deployment.class, new DeploymentMapper());
        jdbi.registerRowMapper(StoredSecret.class, SecretMappers.STORED);
        jdbi.registerRowMapper(SecretRepository.Sealed.class, SecretMappers.SEALED);
        jdbi.registerRowMapper(SecretKeyCheck.class, SecretMappers.KEY_CHECK);
        jdbi.registerRowMapper(WizardChoicesRecord.class, new WizardChoicesMapper());
        jdbi.registerRowMapper(GitFollowRecord.class, GitMappers.FOLLOW);
        jdbi.registerRowMapper(GitCommitRecord.class, GitMappers.COMMIT);
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
            return recorded(() -> withSession(s -> s.sqliteTransaction(callback)));
        }
        return recorded(() -> withSession(s -> s.handle().inTransaction(h -> callback.apply(s))));
    }

    /** A write transaction through one SqlObject DAO. */
    public <D, T> T write(Class<D> dao, Function<D, T> callback) {
        return write(s -> callback.apply(s.dao(dao)));
    }

    /** One write statement in auto-commit (its own transaction), serialized by the gate. */
    public <D, T> T writeOne(Class<D> dao, Function<D, T> callback) {
        return recorded(() -> withSession(s -> callback.apply(s.dao(dao))));
    }

    /**
     * Runs a write under the gate, after checking that the SQLite file is still there, and records whether the
     * storage took it.
     */
    private <T> T recorded(Supplier<T> write) {
        return gate.run(() -> {
            try {
                file.ifPresent(SqliteFile::check);
                T result = write.get();
                writes.succeeded();
                return result;
            } catch (StoreUnavailableException e) {
                writes.failed(e);
                throw e;
            }
        });
    }

    /** The storage fault of the last failed write, when no write has succeeded since. */
    public Optional<String> writeFault() {
        return writes.fault();
    }

    /**
     * Checks that the SQLite file is still where the store opened it (nothing to check on PostgreSQL).
     *
     * @throws StoreUnavailableException when it is missing
     */
    public void checkFile() {
        file.ifPresent(SqliteFile::check);
    }

    private <T> T withSession(Function<Session, T> callback) {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
        try (Session session = new Session(jdbi.open())) {
            return callback.apply(session);
        } catch (JdbiException e) {
            throw StorageFaults.translate(e);
        }
    }

    /** Refuses every call from now on (the store closes the pool). */
    public void close() {
        closed = true;
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
