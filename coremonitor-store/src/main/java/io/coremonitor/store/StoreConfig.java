package io.coremonitor.store;

import java.nio.file.Path;
import java.time.Clock;
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
 * @param clock    the source of every timestamp the store writes
 */
public record StoreConfig(String location, Optional<String> user, Optional<String> password, Optional<String> schema,
        Clock clock) {

    /** The default SQLite file of the standalone server. */
    public static final String DEFAULT_SQLITE_FILE = "./data/coremonitor.db";

    private static final String POSTGRES_PREFIX = "jdbc:postgresql:";
    private static final String SQLITE_PREFIX = "jdbc:sqlite:";

    public StoreConfig {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(clock, "clock");
        if (location.isBlank()) {
            throw new IllegalArgumentException("the store location (a SQLite file or a jdbc:postgresql: URL) is blank");
        }
        schema.ifPresent(s -> {
            if (!s.matches("[a-z_][a-z0-9_]{0,62}")) {
                throw new IllegalArgumentException("invalid schema name (expected [a-z_][a-z0-9_]*): " + s);
            }
        });
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
        return new StoreConfig(location, user, password, Optional.of(newSchema), clock);
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
                + schema.map(s -> " schema=" + s).orElse("") + "]";
    }
}
