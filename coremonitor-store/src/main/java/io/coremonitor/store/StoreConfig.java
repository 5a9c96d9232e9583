package io.coremonitor.store;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the store lives and how it tells time.
 *
 * @param location a SQLite file path (the embedded default), or a {@code jdbc:postgresql:} URL
 * @param user     PostgreSQL user, when not in the URL
 * @param password PostgreSQL password, when not in the URL
 * @param schema   PostgreSQL schema to create (if missing), migrate and use; the server's default otherwise.
 *                 Ignored for SQLite.
 * @param poolSize the most connections the store's pool holds (1 to 200; default {@value #DEFAULT_POOL_SIZE})
 * @param connectionTimeout how long a call waits for a pooled connection (or a new one) before it fails with a
 *                 {@link StoreUnavailableException} (at least 250 ms; default 5 s)
 * @param busyTimeout how long a SQLite write waits for another process's write lock before it fails with a
 *                 {@link StoreUnavailableException} (default 30 s). Ignored for PostgreSQL.
 * @param clock    the source of every timestamp the store writes
 */
public record StoreConfig(String location, Optional<String> user, Optional<String> password, Optional<String> schema,
        int poolSize, Duration connectionTimeout, Duration busyTimeout, Clock clock) {

    /** The default SQLite file of the standalone server. */
    public static final String DEFAULT_SQLITE_FILE = "./data/coremonitor.db";

    public static final int DEFAULT_POOL_SIZE = 10;
    public static final int MAX_POOL_SIZE = 200;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(30);

    private static final Duration MIN_CONNECTION_TIMEOUT = Duration.ofMillis(250);
    private static final String POSTGRES_PREFIX = "jdbc:postgresql:";
    private static final String SQLITE_PREFIX = "jdbc:sqlite:";

    public StoreConfig {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        Objects.requireNonNull(busyTimeout, "busyTimeout");
        Objects.requireNonNull(clock, "clock");
        if (poolSize < 1 || poolSize > MAX_POOL_SIZE) {
            throw new IllegalArgumentException("the pool size must be from 1 to " + MAX_POOL_SIZE + ", got " + poolSize);
        }
        if (connectionTimeout.compareTo(MIN_CONNECTION_TIMEOUT) < 0) {
            throw new IllegalArgumentException("the connection timeout must be at least 250 ms, got " + connectionTimeout);
        }
        if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("invalid busy timeout: " + busyTimeout);
        }
        if (location.isBlank()) {
            throw new IllegalArgumentException("the store location (a SQLite file or a jdbc:postgresql: URL) is blank");
        }
        schema.ifPresent(s -> {
            if (!s.matches("[a-z_][a-z0-9_]{0,62}")) {
                throw new IllegalArgumentException("invalid schema name (expected [a-z_][a-z0-9_]*): " + s);
            }
        });
    }

    /** A configuration with the default pool size, connection timeout and busy timeout. */
    public StoreConfig(String location, Optional<String> user, Optional<String> password, Optional<String> schema,
            Clock clock) {
        this(location, user, password, schema, DEFAULT_POOL_SIZE, DEFAULT_CONNECTION_TIMEOUT, DEFAULT_BUSY_TIMEOUT, clock);
    }

    /** A SQLite file (created with its parent directories when missing). */
    public static StoreConfig sqlite(Path file, Clock clock) {
        return new StoreConfig(file.toString(), Optional.empty(), Optional.empty(), Optional.empty(), clock);
    }

    /** A PostgreSQL database; user and password may also be given in the URL. */
    public static StoreConfig postgres(String url, String user, String password, Clock clock) {
        return new StoreConfig(url, Optional.ofNullable(user), Optional.ofNullable(password), Optional.empty(), clock);
    }

    /** What {@code COREMONITOR_DB} holds: a {@code jdbc:postgresql:} URL, or else a SQLite file path. */
    public static StoreConfig of(String location, Clock clock) {
        return new StoreConfig(location, Optional.empty(), Optional.empty(), Optional.empty(), clock);
    }

    /** The same configuration using (and creating) another PostgreSQL schema. */
    public StoreConfig withSchema(String newSchema) {
        return new StoreConfig(location, user, password, Optional.of(newSchema), poolSize, connectionTimeout, busyTimeout,
                clock);
    }

    /** The same configuration with another pool size. */
    public StoreConfig withPoolSize(int newPoolSize) {
        return new StoreConfig(location, user, password, schema, newPoolSize, connectionTimeout, busyTimeout, clock);
    }

    /** The same configuration with another connection timeout. */
    public StoreConfig withConnectionTimeout(Duration newTimeout) {
        return new StoreConfig(location, user, password, schema, poolSize, newTimeout, busyTimeout, clock);
    }

    /** The same configuration with another SQLite busy timeout. */
    public StoreConfig withBusyTimeout(Duration newTimeout) {
        return new StoreConfig(location, user, password, schema, poolSize, connectionTimeout, newTimeout, clock);
    }

    /** The same configuration on another clock. */
    public StoreConfig withClock(Clock newClock) {
        return new StoreConfig(location, user, password, schema, poolSize, connectionTimeout, busyTimeout, newClock);
    }

    public Dialect dialect() {
        return location.startsWith(POSTGRES_PREFIX) ? Dialect.POSTGRESQL : Dialect.SQLITE;
    }

    /** The SQLite file, for a SQLite store (a {@code jdbc:sqlite:} prefix is accepted and stripped). */
    public Path sqliteFile() {
        if (dialect() != Dialect.SQLITE) {
            throw new IllegalStateException("not a SQLite store: " + location);
        }
        return Path.of(location.startsWith(SQLITE_PREFIX) ? location.substring(SQLITE_PREFIX.length()) : location);
    }

    /**
     * A database location fit for logs: the value of any {@code password=} parameter (any case, up to the next
     * {@code &} or {@code ;}) replaced by {@code ***}.
     */
    public static String redact(String location) {
        return location.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    @Override
    public String toString() {
        // never print a password
        return "StoreConfig[" + dialect() + " " + redact(location)
                + schema.map(s -> " schema=" + s).orElse("") + " pool=" + poolSize + "]";
    }
}
