package io.coremonitor.store.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.coremonitor.store.Dialect;
import io.coremonitor.store.StoreConfig;
import io.coremonitor.store.StoreException;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteOpenMode;

/**
 * The store's one connection pool (HikariCP): at most {@link StoreConfig#poolSize()} connections, validated before
 * reuse, a caller waits at most {@link StoreConfig#connectionTimeout()} for one, and a connection a storage fault
 * went through is evicted ({@link StorageFaults}). SQLite connections all get the store's pragmas (WAL, foreign keys,
 * busy timeout, synchronous=NORMAL) and never create the database file: only {@link #open} does, once.
 */
public final class ConnectionPool {

    /** The pool's name: Hikari's thread names and the {@code pool} tag of its metrics. */
    public static final String NAME = "coremonitor-store";
    private static final long MIN_VALIDATION_MILLIS = 250;
    private static final long MAX_VALIDATION_MILLIS = 5_000;

    private ConnectionPool() {
    }

    /**
     * Opens the pool (and one first connection, so an unreachable database fails here).
     *
     * @throws StoreException (a {@code StoreUnavailableException}) when the database cannot be reached
     */
    public static HikariDataSource open(StoreConfig config, Optional<MeterRegistry> metrics) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(NAME);
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(1);
        long timeout = config.connectionTimeout().toMillis();
        hikari.setConnectionTimeout(timeout);
        hikari.setValidationTimeout(Math.max(MIN_VALIDATION_MILLIS, Math.min(MAX_VALIDATION_MILLIS, timeout / 2)));
        hikari.setExceptionOverride(new StorageFaults());
        metrics.ifPresent(registry -> hikari.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry)));
        if (config.dialect() == Dialect.SQLITE) {
            // prepared statements kept per connection: measured to matter on SQLite (see the store's README)
            hikari.setDataSource(new StatementCache(sqlite(config)));
        } else {
            postgres(config, hikari);
        }
        try {
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw StorageFaults.unreachable("cannot connect to the store " + config, e);
        }
    }

    private static SQLiteDataSource sqlite(StoreConfig config) {
        Path file = config.sqliteFile().toAbsolutePath();
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.enforceForeignKeys(true);
        sqlite.setBusyTimeout((int) config.busyTimeout().toMillis());
        // no "SELECT last_insert_rowid()" after every INSERT: the store assigns its ids itself
        sqlite.setGetGeneratedKeys(false);
        // transactions begun through JDBC (Flyway's, and any made through jdbi()) take the write lock at once too
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        String url = "jdbc:sqlite:" + file;
        createIfMissing(file, sqlite, url);
        // a pooled connection never creates the file: one that vanished is an error, not a new empty database
        sqlite.resetOpenMode(SQLiteOpenMode.CREATE);
        SQLiteDataSource ds = new SQLiteDataSource(sqlite);
        ds.setUrl(url);
        return ds;
    }

    private static void createIfMissing(Path file, SQLiteConfig sqlite, String url) {
        if (Files.exists(file)) {
            return;
        }
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (Connection c = sqlite.createConnection(url)) {
                c.isValid(1);
            }
        } catch (IOException | SQLException e) {
            throw StorageFaults.unreachable("cannot create the SQLite file " + file, e);
        }
    }

    private static void postgres(StoreConfig config, HikariConfig hikari) {
        hikari.setJdbcUrl(config.location());
        config.user().ifPresent(hikari::setUsername);
        config.password().ifPresent(hikari::setPassword);
        config.schema().ifPresent(s -> hikari.addDataSourceProperty("currentSchema", s));
        // tells the store's connections apart in pg_stat_activity (PostgreSQL keeps 63 bytes of it)
        hikari.addDataSourceProperty("ApplicationName", applicationName(config));
    }

    /** The {@code application_name} of the store's PostgreSQL connections: {@code coremonitor[:schema]}. */
    public static String applicationName(StoreConfig config) {
        return "coremonitor" + config.schema().map(s -> ":" + s).orElse("");
    }
}
