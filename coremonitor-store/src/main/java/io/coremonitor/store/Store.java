package io.coremonitor.store;

import io.coremonitor.store.internal.Db;
import io.coremonitor.store.internal.JdbiAuditRepository;
import io.coremonitor.store.internal.JdbiCommandLogRepository;
import io.coremonitor.store.internal.JdbiCommandRepository;
import io.coremonitor.store.internal.JdbiLeaseRepository;
import io.coremonitor.store.internal.JdbiStackRepository;
import io.coremonitor.store.internal.JdbiStackVersionRepository;
import io.coremonitor.store.internal.JdbiStatsRepository;
import io.coremonitor.store.internal.PooledDataSource;
import io.coremonitor.store.internal.WriteGate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The store: opens the database (a SQLite file by default, PostgreSQL for a {@code jdbc:postgresql:} URL), runs the
 * Flyway migrations and exposes the repositories. Thread-safe; close it once at the end.
 *
 * <p>SQLite runs in WAL mode (readers never wait for the writer) with foreign keys on, a busy timeout for other
 * processes, and every write transaction serialized inside the JVM and begun IMMEDIATE, so no caller ever sees
 * SQLITE_BUSY from this process's own concurrency.
 */
public final class Store implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Store.class);

    /** How long a SQLite writer waits for another process's write lock before failing. */
    public static final int SQLITE_BUSY_TIMEOUT_MILLIS = 30_000;
    private static final int MAX_IDLE_CONNECTIONS = 8;

    private final StoreConfig config;
    private final PooledDataSource dataSource;
    private final Jdbi jdbi;
    private final Db db;
    private final StackRepository stacks;
    private final StackVersionRepository versions;
    private final CommandRepository commands;
    private final CommandLogRepository commandLogs;
    private final LeaseRepository leases;
    private final AuditRepository audit;
    private final StatsRepository stats;
    private volatile boolean closed;

    private Store(StoreConfig config, PooledDataSource dataSource, WriteGate gate) {
        this.config = config;
        this.dataSource = dataSource;
        this.jdbi = Db.configure(Jdbi.create(dataSource));
        this.db = new Db(jdbi, gate, config.dialect() == Dialect.SQLITE, config.clock());
        this.stacks = new JdbiStackRepository(db);
        this.versions = new JdbiStackVersionRepository(db);
        this.commands = new JdbiCommandRepository(db);
        this.commandLogs = new JdbiCommandLogRepository(db);
        this.leases = new JdbiLeaseRepository(db);
        this.audit = new JdbiAuditRepository(db);
        this.stats = new JdbiStatsRepository(db);
    }

    /**
     * Opens (creating when needed) and migrates the store.
     *
     * @throws StoreException when the database cannot be reached or migrated
     */
    public static Store open(StoreConfig config) {
        PooledDataSource dataSource = config.dialect() == Dialect.SQLITE ? sqlite(config) : postgres(config);
        try {
            migrate(config, dataSource);
        } catch (FlywayException | IllegalStateException e) {
            dataSource.close();
            throw new StoreException("cannot migrate the store " + config + ": " + e.getMessage(), e);
        }
        WriteGate gate = config.dialect() == Dialect.SQLITE ? WriteGate.serialized() : WriteGate.open();
        Store store = new Store(config, dataSource, gate);
        LOG.info("store open: {}", config);
        return store;
    }

    /** A SQLite store in this file, on the system clock. */
    public static Store openSqlite(Path file) {
        return open(StoreConfig.sqlite(file, Clock.systemUTC()));
    }

    private static PooledDataSource sqlite(StoreConfig config) {
        Path file = config.sqliteFile().toAbsolutePath();
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
        } catch (IOException e) {
            throw new StoreException("cannot create the directory of the SQLite file " + file, e);
        }
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.enforceForeignKeys(true);
        sqlite.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MILLIS);
        // no "SELECT last_insert_rowid()" after every INSERT: the store assigns its ids itself
        sqlite.setGetGeneratedKeys(false);
        // transactions begun through JDBC (Flyway's, and any made through jdbi()) take the write lock at once too
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        String url = "jdbc:sqlite:" + file;
        PooledDataSource ds = new PooledDataSource(() -> sqlite.createConnection(url), MAX_IDLE_CONNECTIONS, true);
        checkReachable(ds, config);
        return ds;
    }

    private static PooledDataSource postgres(StoreConfig config) {
        Properties props = new Properties();
        config.user().ifPresent(u -> props.setProperty("user", u));
        config.password().ifPresent(p -> props.setProperty("password", p));
        config.schema().ifPresent(s -> props.setProperty("currentSchema", s));
        props.setProperty("ApplicationName", "coremonitor");
        PooledDataSource ds = new PooledDataSource(() -> DriverManager.getConnection(config.location(), props),
                MAX_IDLE_CONNECTIONS, false);
        checkReachable(ds, config);
        return ds;
    }

    private static void checkReachable(PooledDataSource ds, StoreConfig config) {
        try (var c = ds.getConnection()) {
            c.isValid(5);
        } catch (java.sql.SQLException e) {
            ds.close();
            throw new StoreException("cannot connect to the store " + config + ": " + e.getMessage(), e);
        }
    }

    private static void migrate(StoreConfig config, PooledDataSource ds) {
        String dialectFolder = config.dialect() == Dialect.SQLITE ? "sqlite" : "postgresql";
        var flyway = Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + dialectFolder)
                .validateMigrationNaming(true)
                .placeholders(java.util.Map.of("key_type", config.dialect() == Dialect.SQLITE ? "INTEGER" : "BIGINT"));
        config.schema().ifPresent(s -> flyway.schemas(s).createSchemas(true));
        MigrateResult result = flyway.load().migrate();
        if (result.migrationsExecuted > 0) {
            LOG.info("store migrated to version {} ({} migrations)", result.targetSchemaVersion, result.migrationsExecuted);
        }
    }

    public StackRepository stacks() {
        return stacks;
    }

    public StackVersionRepository versions() {
        return versions;
    }

    public CommandRepository commands() {
        return commands;
    }

    public CommandLogRepository commandLogs() {
        return commandLogs;
    }

    public LeaseRepository leases() {
        return leases;
    }

    public AuditRepository audit() {
        return audit;
    }

    /** Container statistics history (sampled by the engine's monitoring). */
    public StatsRepository stats() {
        return stats;
    }

    public Dialect dialect() {
        return config.dialect();
    }

    public StoreConfig config() {
        return config;
    }

    public Clock clock() {
        return config.clock();
    }

    /**
     * The underlying Jdbi, for diagnostics and tests. Writes made through it bypass the SQLite write gate (they may
     * wait on the busy timeout) and the store's invariants.
     */
    public Jdbi jdbi() {
        return jdbi;
    }

    /** Whether the database answers a trivial query (for {@code /health}); never throws. */
    public boolean ping() {
        if (closed) {
            return false;
        }
        try {
            return db.read(s -> s.handle().createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            LOG.warn("store health check failed: {}", e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        db.close();
        dataSource.close();
        LOG.info("store closed: {}", config);
    }
}
