package io.coremonitor.store;

import com.zaxxer.hikari.HikariDataSource;
import io.coremonitor.store.internal.ConnectionPool;
import io.coremonitor.store.internal.Db;
import io.coremonitor.store.internal.JdbiArtifactRepository;
import io.coremonitor.store.internal.JdbiAuditRepository;
import io.coremonitor.store.internal.JdbiCommandLogRepository;
import io.coremonitor.store.internal.JdbiCommandRepository;
import io.coremonitor.store.internal.JdbiDeploymentRepository;
import io.coremonitor.store.internal.JdbiGitRepository;
import io.coremonitor.store.internal.JdbiLeaseRepository;
import io.coremonitor.store.internal.JdbiSecretRepository;
import io.coremonitor.store.internal.JdbiStackRepository;
import io.coremonitor.store.internal.JdbiStackVersionRepository;
import io.coremonitor.store.internal.JdbiStatsRepository;
import io.coremonitor.store.internal.JdbiWizardChoicesRepository;
import io.coremonitor.store.internal.StorageFaults;
import io.coremonitor.store.internal.WriteGate;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store: opens the database (a SQLite file by default, PostgreSQL for a {@code jdbc:postgresql:} URL) through
 * one bounded connection pool (HikariCP), runs the Flyway migrations and exposes the repositories. Thread-safe;
 * close it once at the end.
 *
 * <p>SQLite runs in WAL mode (readers never wait for the writer) with foreign keys on, a busy timeout for other
 * processes, and every write transaction serialized inside the JVM and begun IMMEDIATE, so no caller ever sees
 * SQLITE_BUSY from this process's own concurrency.
 *
 * <p>Storage faults (the database unreachable or restarting, a full disk, a read-only or missing file, a lock held
 * past the busy timeout) are {@link StoreUnavailableException}s ({@link StorageFullException} for a full disk); the
 * connection they went through is evicted from the pool, so calls succeed again by themselves once the fault ends.
 * No Jdbi or JDBC exception leaves the repositories. {@link #health()} tells whether reads and writes work.
 */
public final class Store implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Store.class);

    private static final String PROBE_READ = "SELECT probed_at FROM store_probe WHERE probe_id = 1";
    private static final String PROBE_WRITE = "UPDATE store_probe SET probed_at = :now WHERE probe_id = 1";

    private final StoreConfig config;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Db db;
    private final StackRepository stacks;
    private final StackVersionRepository versions;
    private final CommandRepository commands;
    private final CommandLogRepository commandLogs;
    private final LeaseRepository leases;
    private final AuditRepository audit;
    private final StatsRepository stats;
    private final ArtifactRepository artifacts;
    private final DeploymentRepository deployments;
    private final SecretRepository secrets;
    private final WizardChoicesRepository wizardChoices;
    private final GitRepository git;
    private volatile boolean closed;

    private Store(StoreConfig config, HikariDataSource dataSource) {
        this.config = config;
        this.dataSource = dataSource;
        this.jdbi = Db.configure(Jdbi.create(dataSource));
        boolean sqlite = config.dialect() == Dialect.SQLITE;
        this.db = new Db(jdbi, sqlite ? WriteGate.serialized() : WriteGate.open(),
                sqlite ? Optional.of(config.sqliteFile().toAbsolutePath()) : Optional.empty(),
                () -> dataSource.getHikariPoolMXBean().softEvictConnections(), config.clock());
        this.stacks = new JdbiStackRepository(db);
        this.versions = new JdbiStackVersionRepository(db);
        this.commands = new JdbiCommandRepository(db);
        this.commandLogs = new JdbiCommandLogRepository(db);
        this.leases = new JdbiLeaseRepository(db);
        this.audit = new JdbiAuditRepository(db);
        this.stats = new JdbiStatsRepository(db);
        this.artifacts = new JdbiArtifactRepository(db);
        this.deployments = new JdbiDeploymentRepository(db);
        this.secrets = new JdbiSecretRepository(db);
        this.wizardChoices = new JdbiWizardChoicesRepository(db);
        this.git = new JdbiGitRepository(db);
    }

    /**
     * Opens (creating when needed) and migrates the store.
     *
     * @throws StoreException when the database cannot be reached ({@link StoreUnavailableException}) or migrated
     */
    public static Store open(StoreConfig config) {
        return open(config, Optional.empty());
    }

    /**
     * Opens the store with its connection pool's metrics ({@code hikaricp_connections_*}, tagged
     * {@code pool=coremonitor-store}) bound to this registry.
     *
     * @throws StoreException when the database cannot be reached ({@link StoreUnavailableException}) or migrated
     */
    public static Store open(StoreConfig config, MeterRegistry metrics) {
        return open(config, Optional.of(Objects.requireNonNull(metrics, "metrics")));
    }

    private static Store open(StoreConfig config, Optional<MeterRegistry> metrics) {
        HikariDataSource dataSource = ConnectionPool.open(config, metrics);
        try {
            migrate(config, dataSource);
        } catch (FlywayException | IllegalStateException e) {
            dataSource.close();
            throw StorageFaults.unreachable("cannot migrate the store " + config, e);
        }
        Store store = new Store(config, dataSource);
        LOG.info("store open: {}", config);
        return store;
    }

    /** A SQLite store in this file, on the system clock. */
    public static Store openSqlite(Path file) {
        return open(StoreConfig.sqlite(file, Clock.systemUTC()));
    }

    private static void migrate(StoreConfig config, HikariDataSource ds) {
        String dialectFolder = config.dialect() == Dialect.SQLITE ? "sqlite" : "postgresql";
        var flyway = Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + dialectFolder)
                .validateMigrationNaming(true)
                .placeholders(Map.of("key_type", config.dialect() == Dialect.SQLITE ? "INTEGER" : "BIGINT"));
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

    /** Uploaded artifacts (their records; the bytes are files kept by the engine). */
    public ArtifactRepository artifacts() {
        return artifacts;
    }

    /** Deployments of artifacts into services. */
    public DeploymentRepository deployments() {
        return deployments;
    }

    /** Secrets, encrypted by the engine, and their key check. */
    public SecretRepository secrets() {
        return secrets;
    }

    /** The wizard's choices of the versions it made. */
    public WizardChoicesRepository wizardChoices() {
        return wizardChoices;
    }

    /** Stacks that follow a git repository, their sync state and the commits they saw. */
    public GitRepository git() {
        return git;
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
     * wait on the busy timeout) and the store's invariants, and its failures are Jdbi's exceptions
     * ({@link StoreException#from} translates them).
     */
    public Jdbi jdbi() {
        return jdbi;
    }

    /**
     * Whether the database answers (for {@code /health}); never throws. DOWN when a read fails; DEGRADED when reads
     * work and writes do not: the SQLite file is missing, or the last write failed with a storage fault and a probe
     * write (one row of {@code store_probe} rewritten) still fails; UP otherwise. The probe write runs only while a
     * write fault is recorded, so a healthy store answers with one read.
     */
    public StoreHealth health() {
        if (closed) {
            return StoreHealth.down("the store is closed");
        }
        try {
            db.read(s -> s.handle().createQuery(PROBE_READ).mapTo(Long.class).one());
        } catch (RuntimeException e) {
            LOG.warn("store health: reads fail: {}", e.getMessage());
            return StoreHealth.down(e.getMessage());
        }
        try {
            db.checkFile();
            if (db.writeFault().isPresent()) {
                db.write(s -> s.handle().createUpdate(PROBE_WRITE).bind("now", db.now()).execute());
            }
            return StoreHealth.up();
        } catch (RuntimeException e) {
            LOG.warn("store health: writes fail: {}", e.getMessage());
            return StoreHealth.degraded(e.getMessage());
        }
    }

    /** Whether reads work ({@link #health()} is not DOWN); never throws. */
    public boolean ping() {
        return health().status() != StoreHealth.Status.DOWN;
    }

    @Override
    public void close() {
        closed = true;
        db.close();
        dataSource.close();
        LOG.info("store closed: {}", config);
    }
}
