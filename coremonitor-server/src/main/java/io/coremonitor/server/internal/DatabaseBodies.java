package io.coremonitor.server.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.coremonitor.engine.databases.DatabaseKind;
import io.coremonitor.engine.databases.DatabaseRequest;
import io.coremonitor.engine.databases.InvalidDatabaseException;
import io.coremonitor.engine.databases.ManagedDatabase;
import io.coremonitor.engine.secrets.SecretValue;
import io.coremonitor.model.ByteSize;
import io.coremonitor.model.Durations;
import io.coremonitor.server.internal.ArtifactBodies.ArtifactView;
import io.coremonitor.server.internal.MonitoringBodies.StatusView;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The bodies of the managed database routes: the create request and the answers. */
final class DatabaseBodies {

    private DatabaseBodies() {
    }

    /** {@code POST /databases}. */
    record CreateDatabaseRequest(
            @JsonProperty(required = true) @JsonPropertyDescription("lower-case letters, digits and '-', starting with a letter"
                    + " (at most 40); the stack is db-<project>, the database and user the project with '-' as '_'")
            String project,
            @JsonProperty(required = true) @JsonPropertyDescription("postgresql or mariadb") String engine,
            @JsonPropertyDescription("a version of the catalog component (postgresql: 16, 15; mariadb: 11, 10.11); default"
                    + " its first") Optional<String> version,
            @JsonPropertyDescription("memory limit (compose mem_limit): 512m, 1g, ...; at least 64m; default 512m")
            Optional<String> memory,
            @JsonPropertyDescription("CPU limit (compose cpus), more than 0 and at most 64; default 1") Optional<BigDecimal> cpus,
            @JsonPropertyDescription("the user's password, 8 to 128 characters; absent: generated and answered once")
            Optional<String> password,
            @JsonPropertyDescription("the host port to publish; absent: the first free one of the server's range")
            Optional<Integer> port,
            @JsonPropertyDescription("another image than the version's (a mirror or local build of the same server)")
            Optional<String> image,
            @JsonPropertyDescription("how long the start may take up to a successful login (1s to 10m, such as 90s);"
                    + " default the server's --database-ready-timeout") Optional<String> readyTimeout)
            implements RequestBodies.RequestBody {

        static DatabaseRequest read(Requests.Body body) {
            String project = body.requiredString("project");
            String engine = body.requiredString("engine");
            DatabaseKind kind = DatabaseKind.of(engine).orElseThrow(() -> new InvalidDatabaseException("engine",
                    "'" + Requests.abbreviate(engine) + "' is not a managed database engine: use postgresql or mariadb"));
            String memoryText = body.nonBlankString("memory").orElse(DatabaseRequest.DEFAULT_MEMORY);
            ByteSize memory = ByteSize.parse(memoryText).orElseThrow(() -> new InvalidDatabaseException("memory", "'"
                    + Requests.abbreviate(memoryText) + "' is not a size: use 512m, 1g, ..."));
            Optional<Duration> timeout = body.nonBlankString("ready_timeout").map(t -> Durations.parse(t)
                    .orElseThrow(() -> new InvalidDatabaseException("ready_timeout", "'" + Requests.abbreviate(t)
                            + "' is not a duration: use 90s, 2m, ...")));
            return new DatabaseRequest(project, kind, body.nonBlankString("version"), memory,
                    number(body, "cpus").orElse(DatabaseRequest.DEFAULT_CPUS), body.string("password").map(SecretValue::of),
                    integer(body, "port"), body.nonBlankString("image"), timeout);
        }

        private static Optional<BigDecimal> number(Requests.Body body, String field) {
            JsonNode v = body.node().get(field);
            if (v == null || v.isNull()) {
                return Optional.empty();
            }
            if (!v.isNumber()) {
                throw Requests.Body.wrongType(body.path(field), "a number", v);
            }
            return Optional.of(v.decimalValue());
        }

        private static Optional<Integer> integer(Requests.Body body, String field) {
            JsonNode v = body.node().get(field);
            if (v == null || v.isNull()) {
                return Optional.empty();
            }
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw Requests.Body.wrongType(body.path(field), "an integer", v);
            }
            return Optional.of(v.intValue());
        }
    }

    /** {@code POST /databases/{project}/restore}. */
    record RestoreDatabaseRequest(
            @JsonProperty(required = true) @JsonPropertyDescription("the sha256 of a .sql.gz artifact (a backup)") String artifact)
            implements RequestBodies.RequestBody {

        static String read(Requests.Body body) {
            return body.requiredString("artifact");
        }
    }

    /**
     * A managed database. {@code password} is there only in the 201 answer of a create whose password the server
     * generated (shown that once; later: {@code POST /secrets/{password_secret}/reveal}); null otherwise.
     */
    record DatabaseView(String project, String engine, String version, String image, String stackId, String host, int port,
            String database, String user, String passwordSecret, Optional<String> password, String jdbcUrl, String uri,
            Optional<String> memory, Optional<BigDecimal> cpus, Instant createdAt, Optional<StatusView> status,
            Optional<Long> commandId) {

        static DatabaseView of(ManagedDatabase d) {
            return new DatabaseView(d.project(), d.kind().id(), d.version(), d.image(), d.stackId(), d.host(), d.port(),
                    d.database(), d.user(), d.passwordSecret(), Optional.empty(), d.jdbcUrl(), d.uri(),
                    d.memory().map(ByteSize::toString), d.cpus(), d.createdAt(), Optional.empty(), Optional.empty());
        }

        DatabaseView withStatus(StatusView s) {
            return new DatabaseView(project, engine, version, image, stackId, host, port, database, user, passwordSecret, password,
                    jdbcUrl, uri, memory, cpus, createdAt, Optional.of(s), commandId);
        }

        DatabaseView created(Optional<String> generated, long command) {
            return new DatabaseView(project, engine, version, image, stackId, host, port, database, user, passwordSecret,
                    generated, jdbcUrl, uri, memory, cpus, createdAt, status, Optional.of(command));
        }
    }

    /** {@code DELETE /databases/{project}}: the DELETE command that removed it. */
    record DatabaseDeletedView(String project, String stackId, long commandId, boolean volumesRemoved) {
    }

    /** {@code POST /databases/{project}/restore}: what was restored into which database. */
    record RestoredView(String project, ArtifactView artifact) {
    }
}
