package io.coremonitor.store.internal;

import io.coremonitor.model.Command;
import io.coremonitor.model.Stack;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** What every repository shares: Jdbi, the write gate, the clock. */
public final class Db {

    private final Jdbi jdbi;
    private final WriteGate gate;
    private final Clock clock;

    public Db(Jdbi jdbi, WriteGate gate, Clock clock) {
        this.jdbi = jdbi;
        this.gate = gate;
        this.clock = clock;
    }

    /** A Jdbi with SqlObject and the store's conventions: instants are epoch milliseconds in BIGINT columns. */
    public static Jdbi configure(Jdbi jdbi) {
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.registerArgument(new InstantArgumentFactory());
        // the DAOs register their mappers; the dynamic list queries use these
        jdbi.registerRowMapper(ConstructorMapper.factory(Stack.class));
        jdbi.registerRowMapper(ConstructorMapper.factory(Command.class));
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

    /** A read on a pooled connection in auto-commit (never blocked by writers in WAL mode). */
    public <T> T read(HandleCallback<T, RuntimeException> callback) {
        return jdbi.withHandle(callback);
    }

    /** A read through a SqlObject DAO. */
    public <D, T> T read(Class<D> dao, java.util.function.Function<D, T> callback) {
        return jdbi.withExtension(dao, callback::apply);
    }

    /** A write transaction, serialized by the gate (BEGIN IMMEDIATE on SQLite). */
    public <T> T write(HandleCallback<T, RuntimeException> callback) {
        return gate.run(() -> jdbi.inTransaction(callback));
    }

    /** A write transaction through a SqlObject DAO. */
    public <D, T> T write(Class<D> dao, java.util.function.Function<D, T> callback) {
        return write((Handle h) -> callback.apply(h.attach(dao)));
    }

    /** One write statement in auto-commit (its own transaction), serialized by the gate. */
    public <D, T> T writeOne(Class<D> dao, java.util.function.Function<D, T> callback) {
        return gate.run(() -> jdbi.withExtension(dao, callback::apply));
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
