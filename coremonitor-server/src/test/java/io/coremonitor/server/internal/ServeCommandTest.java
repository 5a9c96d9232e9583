package io.coremonitor.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coremonitor.server.ConfigException;
import io.coremonitor.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void healthReportsDatabaseAndDockerSeparately(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("cm.db");
        // A Docker address nobody answers on: the server still starts and serves reads.
        ServerConfig config = ServerConfig.parse(
            List.of("--port", "0", "--db", db.toString(), "--docker-host", "unix://" + dir.resolve("no-docker.sock"),
                "--data-dir", dir.resolve("data").toString(), "--artifact-max-size", "1m"), Map.of());
        try (RunningServer server = ServeCommand.start(config)) {
            HttpResponse<String> response = get(server, "/api/v1/health");
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = new ObjectMapper().readTree(response.body());
            assertThat(body.path("status").asText()).isEqualTo("DEGRADED");
            assertThat(body.path("database").path("status").asText()).isEqualTo("UP");
            assertThat(body.path("database").path("version").asText()).isEqualTo("sqlite");
            assertThat(body.path("docker").path("status").asText()).isEqualTo("DOWN");
            assertThat(body.path("docker").path("error").asText()).isNotBlank();
            assertThat(Files.exists(db)).isTrue();
            // the artifacts go to <data-dir>/artifacts, with the configured size limit
            assertThat(server.engine().artifacts().settings().directory()).isEqualTo(dir.resolve("data").resolve("artifacts"));
            assertThat(server.engine().artifacts().settings().maxSize()).isEqualTo(1024L * 1024);
            assertThat(Files.isDirectory(dir.resolve("data").resolve("artifacts"))).isTrue();
        }
    }

    @Test
    void unknownRouteIsAProblemBody(@TempDir Path dir) throws Exception {
        ServerConfig config = ServerConfig.parse(List.of("--port", "0", "--db", dir.resolve("cm.db").toString(),
            "--data-dir", dir.toString()), Map.of());
        try (RunningServer server = ServeCommand.start(config)) {
            HttpResponse<String> response = get(server, "/api/v1/nope");
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/problem+json"));
            JsonNode body = new ObjectMapper().readTree(response.body());
            assertThat(body.path("status").asInt()).isEqualTo(404);
            assertThat(body.path("detail").asText()).contains("/api/v1/nope");
        }
    }

    @Test
    void refusesANetworkAddressWithoutAToken(@TempDir Path dir) {
        ServerConfig config = ServerConfig.parse(List.of("--host", "0.0.0.0", "--port", "0", "--db", dir.resolve("x.db").toString()),
            Map.of());
        assertThatThrownBy(() -> ServeCommand.start(config))
            .isInstanceOf(ConfigException.class).hasMessageContaining("without a token");
    }

    @Test
    void badSettingIsAUsageErrorWithoutStackTrace() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ServeCommand.run(new String[] {"--port", "http"}, Map.of(), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("serve: port must be").doesNotContain("\tat ");
    }

    @Test
    void aSecretKeyOtherThanTheOneOfTheStoredSecretsRefusesTheStartWithoutPrintingAKey(@TempDir Path dir) {
        String right = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        byte[] other = new byte[32];
        other[0] = 1;
        String wrong = java.util.Base64.getEncoder().encodeToString(other);
        Path db = dir.resolve("cm.db");
        try (io.coremonitor.engine.CoreMonitor cm = io.coremonitor.engine.CoreMonitor.builder().sqlite(db)
                .secretKey(io.coremonitor.engine.secrets.SecretKeySource.base64(right)).build()) {
            cm.secrets().create("db-password", java.util.Optional.empty(),
                    io.coremonitor.engine.secrets.SecretValue.of("s3cret-value"), "test");
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ServeCommand.run(new String[] {"--port", "0", "--db", db.toString(), "--data-dir", dir.toString()},
                Map.of("COREMONITOR_SECRET_KEY", wrong), new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(1);
        assertThat(printed).startsWith("serve: cannot start: the secret key does not match").doesNotContain("\tat ")
                .doesNotContain(wrong).doesNotContain(right).doesNotContain("s3cret-value");
        ByteArrayOutputStream bad = new ByteArrayOutputStream();
        assertThat(ServeCommand.run(new String[] {"--port", "0", "--db", db.toString(), "--data-dir", dir.toString()},
                Map.of("COREMONITOR_SECRET_KEY", "not-base64!"), new PrintStream(bad, true, StandardCharsets.UTF_8))).isEqualTo(1);
        assertThat(bad.toString(StandardCharsets.UTF_8)).startsWith("serve: cannot start: ").doesNotContain("not-base64!");
    }

    @Test
    void anInvalidCatalogFileRefusesTheStartNamingTheFileAndTheField(@TempDir Path dir) throws Exception {
        Path catalog = java.nio.file.Files.createDirectories(dir.resolve("catalog"));
        Path file = catalog.resolve("mailer.yaml");
        java.nio.file.Files.writeString(file, "id: mailer\ntitle: Mailer\ncategory: mail\nversions:\n  - version: '1'\n"
            + "    image: example/mailer:1\nparameters:\n  - name: relay\n    type: hostname\ncompose:\n  service:\n"
            + "    image: '${image}'\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ServeCommand.run(new String[] {"--port", "0", "--db", dir.resolve("x.db").toString(), "--data-dir",
            dir.toString(), "--catalog-dir", catalog.toString()}, Map.of(), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("serve: cannot start: " + file.toAbsolutePath()
            + ": parameters[0].type: ").doesNotContain("\tat ");
    }

    @Test
    void aPostgresUrlNamesItsSchemaWithCurrentSchema() {
        var plain = ServeCommand.storeConfig("jdbc:postgresql://h:5432/db?user=u&password=p");
        assertThat(plain.schema()).isEmpty();
        var first = ServeCommand.storeConfig("jdbc:postgresql://h:5432/db?currentSchema=cm_a&user=u&password=p");
        assertThat(first.schema()).contains("cm_a");
        assertThat(first.location()).isEqualTo("jdbc:postgresql://h:5432/db?user=u&password=p");
        var last = ServeCommand.storeConfig("jdbc:postgresql://h:5432/db?user=u&password=p&currentSchema=cm_b");
        assertThat(last.schema()).contains("cm_b");
        assertThat(last.location()).isEqualTo("jdbc:postgresql://h:5432/db?user=u&password=p");
        var only = ServeCommand.storeConfig("jdbc:postgresql://h:5432/db?currentSchema=cm_c");
        assertThat(only.location()).isEqualTo("jdbc:postgresql://h:5432/db");
        assertThat(ServeCommand.storeConfig("./data/x.db").schema()).isEmpty();
    }

    private HttpResponse<String> get(RunningServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    }
}
