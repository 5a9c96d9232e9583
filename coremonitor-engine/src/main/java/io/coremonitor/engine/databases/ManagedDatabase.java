package io.coremonitor.engine.databases;

import io.coremonitor.model.ByteSize;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A managed database as its stack's latest version defines it (never its password: its secret's name).
 *
 * @param project        the project
 * @param kind           the engine
 * @param version        the component version ({@code 15}, {@code 10.11})
 * @param image          the image it runs
 * @param stackId        its stack
 * @param stackName      {@code db-<project>}
 * @param host           the host clients reach it on (the Docker host)
 * @param port           the published host port
 * @param database       the database name
 * @param user           the user
 * @param passwordSecret the secret store name of the user's password
 * @param memory         the memory limit
 * @param cpus           the CPU limit
 * @param createdAt      when it was created
 */
public record ManagedDatabase(String project, DatabaseKind kind, String version, String image, String stackId, String stackName,
        String host, int port, String database, String user, String passwordSecret, Optional<ByteSize> memory,
        Optional<BigDecimal> cpus, Instant createdAt) {

    public ManagedDatabase {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(stackId, "stackId");
        Objects.requireNonNull(stackName, "stackName");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(passwordSecret, "passwordSecret");
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(cpus, "cpus");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** {@code jdbc:postgresql://host:port/database} or {@code jdbc:mariadb://...}. */
    public String jdbcUrl() {
        return kind.jdbcUrl(host, port, database);
    }

    /** {@code postgresql://user@host:port/database} (libpq) or {@code mysql://user@host:port/database}. */
    public String uri() {
        return kind.uri(host, port, database, user);
    }
}
