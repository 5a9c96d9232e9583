package io.coremonitor.engine.databases;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The database engines Core Monitor manages, each a component of the catalog. */
public enum DatabaseKind {

    POSTGRESQL("postgresql", "PostgreSQL", 5432, "POSTGRES_DB", "POSTGRES_USER"),
    MARIADB("mariadb", "MariaDB", 3306, "MARIADB_DATABASE", "MARIADB_USER");

    private final String id;
    private final String title;
    private final int containerPort;
    private final String databaseVariable;
    private final String userVariable;

    DatabaseKind(String id, String title, int containerPort, String databaseVariable, String userVariable) {
        this.id = id;
        this.title = title;
        this.containerPort = containerPort;
        this.databaseVariable = databaseVariable;
        this.userVariable = userVariable;
    }

    /** The catalog component id, and the {@code engine} of a request: {@code postgresql}, {@code mariadb}. */
    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    /** The port the server listens on inside its container. */
    public int containerPort() {
        return containerPort;
    }

    /** The image's environment variable naming the database it creates. */
    public String databaseVariable() {
        return databaseVariable;
    }

    /** The image's environment variable naming the user it creates. */
    public String userVariable() {
        return userVariable;
    }

    /** The JDBC URL of a database on {@code host:port}. */
    public String jdbcUrl(String host, int port, String database) {
        return "jdbc:" + id + "://" + host + ":" + port + "/" + database;
    }

    /** The client URI (libpq's {@code postgresql://}, MariaDB's {@code mysql://}), without the password. */
    public String uri(String host, int port, String database, String user) {
        String scheme = this == POSTGRESQL ? "postgresql" : "mysql";
        return scheme + "://" + user + "@" + host + ":" + port + "/" + database;
    }

    /** The kind whose id is {@code id} (case-insensitive). */
    public static Optional<DatabaseKind> of(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id.toLowerCase(Locale.ROOT))).findFirst();
    }
}
