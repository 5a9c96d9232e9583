package io.coremonitor.engine.databases;

import io.coremonitor.engine.secrets.SecretValue;
import io.coremonitor.model.ByteSize;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a managed database is created from. The constructor checks every field ({@link InvalidDatabaseException} naming
 * it); {@link #toString()} never shows the password.
 *
 * @param project      the project it belongs to: lower-case letters, digits and '-', starting with a letter (at most
 *                     40); its stack is {@code db-<project>}, its database and user {@code project} with '-' as '_'
 * @param kind         the engine
 * @param version      a version of the catalog component (its first when empty)
 * @param memory       the memory limit (compose {@code mem_limit}), at least 64 MiB
 * @param cpus         the CPU limit (compose {@code cpus}), more than 0 and at most 64
 * @param password     the user's password (at least 8 characters); generated when empty
 * @param port         the host port to publish; the first free one of the range when empty
 * @param image        another image than the version's (the catalog's image override: a mirror, a local build)
 * @param readyTimeout how long the start may take, up to a successful login; the server's setting when empty
 */
public record DatabaseRequest(String project, DatabaseKind kind, Optional<String> version, ByteSize memory, BigDecimal cpus,
        Optional<SecretValue> password, Optional<Integer> port, Optional<String> image, Optional<Duration> readyTimeout) {

    /** The project name rule. */
    public static final Pattern PROJECT = Pattern.compile("[a-z](?:[a-z0-9-]{0,38}[a-z0-9])?");
    public static final ByteSize MIN_MEMORY = new ByteSize(64L * 1024 * 1024);
    public static final BigDecimal MAX_CPUS = BigDecimal.valueOf(64);
    public static final int MIN_PASSWORD = 8;
    public static final int MAX_PASSWORD = 128;
    public static final Duration MAX_READY_TIMEOUT = Duration.ofMinutes(10);
    /** The default memory limit. */
    public static final String DEFAULT_MEMORY = "512m";
    /** The default CPU limit. */
    public static final BigDecimal DEFAULT_CPUS = BigDecimal.ONE;
    private static final Pattern IMAGE = Pattern.compile("[a-z0-9][a-z0-9._/:@-]{0,254}");

    public DatabaseRequest {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(cpus, "cpus");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(readyTimeout, "readyTimeout");
        if (!PROJECT.matcher(project).matches()) {
            throw new InvalidDatabaseException("project", "'" + abbreviate(project) + "' is not a project name: use lower-case"
                    + " letters, digits and '-', starting with a letter and not ending with '-' (at most 40)");
        }
        if (version.isPresent() && version.get().isBlank()) {
            throw new InvalidDatabaseException("version", "the version is empty: give one of the catalog's, or none");
        }
        if (memory.bytes() < MIN_MEMORY.bytes()) {
            throw new InvalidDatabaseException("memory", "the memory limit " + memory + " is less than 64m: a database"
                    + " needs at least 64m");
        }
        if (cpus.signum() <= 0 || cpus.compareTo(MAX_CPUS) > 0) {
            throw new InvalidDatabaseException("cpus", "cpus must be more than 0 and at most 64, got " + cpus.toPlainString());
        }
        if (password.isPresent() && (password.get().asString().length() < MIN_PASSWORD
                || password.get().asString().length() > MAX_PASSWORD)) {
            throw new InvalidDatabaseException("password", "a password has 8 to 128 characters (none: one is generated)");
        }
        if (password.isPresent() && password.get().asString().chars().anyMatch(Character::isISOControl)) {
            throw new InvalidDatabaseException("password", "a password has no control characters");
        }
        if (port.isPresent() && (port.get() < 1 || port.get() > 65535)) {
            throw new InvalidDatabaseException("port", "'" + port.get() + "' is not a port (1 to 65535)");
        }
        if (image.isPresent() && !IMAGE.matcher(image.get()).matches()) {
            throw new InvalidDatabaseException("image", "'" + abbreviate(image.get()) + "' is not an image reference");
        }
        if (readyTimeout.isPresent() && (readyTimeout.get().compareTo(Duration.ofSeconds(1)) < 0
                || readyTimeout.get().compareTo(MAX_READY_TIMEOUT) > 0)) {
            throw new InvalidDatabaseException("ready_timeout", "the ready timeout is from 1s to 10m");
        }
    }

    /** A request with the defaults: the component's first version, 512m, 1 CPU, a generated password, a free port. */
    public static DatabaseRequest of(String project, DatabaseKind kind) {
        return new DatabaseRequest(project, kind, Optional.empty(), ByteSize.parse(DEFAULT_MEMORY).orElseThrow(), DEFAULT_CPUS,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public DatabaseRequest withVersion(String v) {
        return new DatabaseRequest(project, kind, Optional.of(v), memory, cpus, password, port, image, readyTimeout);
    }

    public DatabaseRequest withPort(int p) {
        return new DatabaseRequest(project, kind, version, memory, cpus, password, Optional.of(p), image, readyTimeout);
    }

    public DatabaseRequest withImage(String reference) {
        return new DatabaseRequest(project, kind, version, memory, cpus, password, port, Optional.of(reference), readyTimeout);
    }

    public DatabaseRequest withReadyTimeout(Duration timeout) {
        return new DatabaseRequest(project, kind, version, memory, cpus, password, port, image, Optional.of(timeout));
    }

    /** The stack of a project's database: {@code db-<project>}. */
    public static String stackName(String project) {
        return "db-" + project;
    }

    /** The database and user name of a project: the project with '-' as '_'. */
    public static String databaseName(String project) {
        return project.replace('-', '_');
    }

    @Override
    public String toString() {
        return "DatabaseRequest[project=" + project + ", kind=" + kind + ", version=" + version + ", memory=" + memory
                + ", cpus=" + cpus.toPlainString() + ", password=" + (password.isPresent() ? "given" : "generated")
                + ", port=" + port + ", image=" + image + ", readyTimeout=" + readyTimeout + "]";
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
