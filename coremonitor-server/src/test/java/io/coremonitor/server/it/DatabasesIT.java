package io.coremonitor.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Container;
import io.coremonitor.docker.testing.RequiresDocker;
import io.coremonitor.server.internal.ApiClient;
import io.coremonitor.server.reliability.RelServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Managed databases end to end: the server jar as a process on SQLite and the real Docker engine with the local
 * stand-ins of the official postgres:15 and mariadb:10.11 images. Each test has its own port range, whose first port
 * a ServerSocket of this process holds.
 */
@RequiresDocker
class DatabasesIT {

    private static final String TOKEN = "it-token-" + UUID.randomUUID();
    private static final Duration CREATE_TIMEOUT = Duration.ofMinutes(4);

    private final String suffix = UUID.randomUUID().toString().substring(0, 6);
    private final List<String> projects = new ArrayList<>();
    private DockerClient docker;
    private ServerSocket squatter;
    private int firstPort;

    @BeforeEach
    void holdTheFirstPortOfARange(DockerClient client) throws IOException {
        this.docker = client;
        squatter = firstOfAFreeRange();
        firstPort = squatter.getLocalPort();
    }

    @AfterEach
    void removeEverything() throws IOException {
        squatter.close();
        for (String project : projects) {
            String stack = "db-" + project;
            for (Container c : docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of("com.docker.compose.project", stack)).exec()) {
                docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
            }
            docker.listNetworksCmd().exec().stream().filter(n -> n.getName().startsWith(stack + "_"))
                    .forEach(n -> docker.removeNetworkCmd(n.getId()).exec());
            volumes(stack).forEach(v -> docker.removeVolumeCmd(v.getName()).exec());
        }
    }

    @Test
    void postgresqlOnTheFirstFreePortLogsInIsBackedUpAndRestoredIntoANewDatabaseAndDeleted(@TempDir Path dir)
            throws Exception {
        String project = project("shop");
        String copy = project("copy");
        try (RelServer server = server(dir)) {
            ApiClient api = new ApiClient(server.base(), Optional.of(TOKEN));
            ApiClient.Answer created = create(api, Map.of("project", project, "engine", "postgresql", "version", "15",
                    "memory", "256m", "cpus", 0.5));
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            JsonNode db = created.json();
            assertThat(db.path("port").asInt()).as("the first port of the range is taken by this test").isEqualTo(firstPort + 1);
            assertThat(db.path("jdbc_url").asText()).isEqualTo("jdbc:postgresql://127.0.0.1:" + (firstPort + 1) + "/"
                    + project.replace('-', '_'));
            assertThat(db.path("uri").asText()).startsWith("postgresql://").doesNotContain(db.path("password").asText());
            String password = db.path("password").asText();
            assertThat(password).hasSizeGreaterThanOrEqualTo(16);
            assertThat(created.header("Location")).contains("/api/v1/databases/" + project);

            String stackId = db.path("stack_id").asText();
            assertThat(api.get("/stacks/" + stackId + "/versions/v1").text()).contains("db-" + project + "-db-password")
                    .doesNotContain(password);
            assertThat(api.get("/commands/" + db.path("command_id").asLong() + "/logs").text()).doesNotContain(password);
            try (Connection c = login(db, password); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE items (id int PRIMARY KEY, name text)");
                s.execute("INSERT INTO items VALUES (1, 'one'), (2, 'two'), (3, 'three')");
            }
            InspectContainerResponse container = docker.inspectContainerCmd(containerOf("db-" + project).getId()).exec();
            assertThat(container.getConfig().getLabels()).containsEntry("coremonitor.managed", "true")
                    .containsEntry("coremonitor.project", project).containsEntry("coremonitor.type", "postgresql")
                    .containsEntry("coremonitor.db_version", "15").containsKey("coremonitor.created_at");
            assertThat(container.getHostConfig().getMemory()).isEqualTo(256L * 1024 * 1024);
            assertThat(container.getHostConfig().getNanoCPUs()).isEqualTo(500_000_000L);

            ApiClient.Answer again = create(api, Map.of("project", project, "engine", "mariadb", "version", "10.11"));
            assertThat(again.status()).as(again.text()).isEqualTo(409);

            JsonNode one = api.get("/databases/" + project).json();
            assertThat(one.path("status").path("services").path("db").path("state").asText()).isEqualTo("running");
            assertThat(one.path("password").isNull()).isTrue();
            assertThat(api.get("/databases").text()).contains(project).doesNotContain(password);

            ApiClient.Answer backup = api.post("/databases/" + project + "/backups", "");
            assertThat(backup.status()).as(backup.text()).isEqualTo(201);
            String sha = backup.json().path("sha256").asText();
            assertThat(backup.json().path("name").asText()).startsWith(project + "-").endsWith(".sql.gz");
            assertThat(api.get("/databases/" + project + "/backups").text()).contains(sha);

            ApiClient.Answer second = create(api, Map.of("project", copy, "engine", "postgresql", "version", "15"));
            assertThat(second.status()).as(second.text()).isEqualTo(201);
            assertThat(second.json().path("port").asInt()).isEqualTo(firstPort + 2);
            ApiClient.Answer restored = api.post("/databases/" + copy + "/restore", ApiClient.json(Map.of("artifact", sha)));
            assertThat(restored.status()).as(restored.text()).isEqualTo(200);
            try (Connection c = login(second.json(), second.json().path("password").asText());
                 Statement s = c.createStatement();
                 ResultSet rows = s.executeQuery("SELECT id, name FROM items ORDER BY id")) {
                List<String> names = new ArrayList<>();
                while (rows.next()) {
                    names.add(rows.getInt(1) + ":" + rows.getString(2));
                }
                assertThat(names).containsExactly("1:one", "2:two", "3:three");
            }

            ApiClient.Answer deleted = api.send("DELETE", "/databases/" + project + "?remove_volumes=true", "");
            assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);
            assertThat(containers("db-" + project)).isEmpty();
            assertThat(volumes("db-" + project)).isEmpty();
            assertThat(api.get("/secrets/db-" + project + "-db-password").status()).isEqualTo(404);
            assertThat(api.get("/databases/" + project).status()).isEqualTo(404);

            ApiClient.Answer kept = api.send("DELETE", "/databases/" + copy, "");
            assertThat(kept.status()).as(kept.text()).isEqualTo(200);
            assertThat(containers("db-" + copy)).isEmpty();
            assertThat(volumes("db-" + copy)).as("the data volume is kept without remove_volumes").hasSize(1);
            assertThat(server.logText()).doesNotContain(password);
        }
    }

    @Test
    void mariadbGetsAPasswordGivenAndAnswersALogin(@TempDir Path dir) throws Exception {
        String project = project("crm");
        String password = "Given-Maria-Password-" + suffix;
        try (RelServer server = server(dir)) {
            ApiClient api = new ApiClient(server.base(), Optional.of(TOKEN));
            ApiClient.Answer created = create(api, Map.of("project", project, "engine", "mariadb", "version", "10.11",
                    "password", password, "memory", "512m"));
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            JsonNode db = created.json();
            assertThat(db.path("port").asInt()).isEqualTo(firstPort + 1);
            assertThat(db.path("password").isNull()).as("a given password is not answered").isTrue();
            assertThat(created.text()).doesNotContain(password);
            assertThat(db.path("uri").asText()).startsWith("mysql://");
            try (Connection c = login(db, password); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT DATABASE()")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo(project.replace('-', '_'));
            }
            ApiClient.Answer revealed = api.send(api.request("/secrets/db-" + project + "-db-password/reveal")
                    .POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(revealed.json().path("value").asText()).isEqualTo(password);

            assertThat(api.send("DELETE", "/databases/" + project + "?remove_volumes=true", "").status()).isEqualTo(200);
            assertThat(containers("db-" + project)).isEmpty();
            assertThat(volumes("db-" + project)).isEmpty();
            assertThat(server.logText()).doesNotContain(password);
        }
    }

    @Test
    void aDatabaseThatNeverAnswersALoginIsRemovedWithItsSecretsAndStack(@TempDir Path dir) throws Exception {
        String project = project("broken");
        try (RelServer server = server(dir)) {
            ApiClient api = new ApiClient(server.base(), Optional.of(TOKEN));
            // an image that is no database (busybox under the postgresql component): it never reaches a login
            Map<String, Object> body = new LinkedHashMap<>(Map.of("project", project, "engine", "postgresql",
                    "version", "15", "image", "coremonitor-test/busybox:latest", "ready_timeout", "5s"));
            ApiClient.Answer created = create(api, body);
            assertThat(created.status()).as(created.text()).isEqualTo(502);
            assertThat(created.json().path("detail").asText()).contains("did not start").contains("removed");
            assertThat(containers("db-" + project)).isEmpty();
            assertThat(volumes("db-" + project)).isEmpty();
            assertThat(api.get("/databases/" + project).status()).isEqualTo(404);
            assertThat(api.get("/secrets?limit=500").text()).doesNotContain("db-" + project);
            assertThat(api.get("/stacks?name=db-" + project).json().path("items")).isEmpty();
            assertThat(api.get("/queue").json().path("halted_by").isNull()).as("nothing halts the queue").isTrue();

            ApiClient.Answer retry = create(api, Map.of("project", project, "engine", "postgresql", "version", "15"));
            assertThat(retry.status()).as("the project is free again: " + retry.text()).isEqualTo(201);
            assertThat(api.send("DELETE", "/databases/" + project + "?remove_volumes=true", "").status()).isEqualTo(200);
        }
    }

    @Test
    void anImageThatCannotBePulledFailsTheApplyWhichIsReleasedSoTheQueueGoesOn(@TempDir Path dir) throws Exception {
        String project = project("nopull");
        try (RelServer server = server(dir)) {
            ApiClient api = new ApiClient(server.base(), Optional.of(TOKEN));
            ApiClient.Answer created = create(api, Map.of("project", project, "engine", "mariadb", "version", "10.11",
                    "image", "coremonitor-test/no-such-image:" + suffix));
            assertThat(created.status()).as(created.text()).isEqualTo(502);
            assertThat(created.json().path("detail").asText()).contains("APPLY").contains("failed").contains("removed");
            JsonNode queue = api.get("/queue").json();
            assertThat(queue.path("halted_by").isNull()).as(queue.toString()).isTrue();
            assertThat(containers("db-" + project)).isEmpty();
            assertThat(volumes("db-" + project)).isEmpty();
            assertThat(api.get("/secrets?limit=500").text()).doesNotContain("db-" + project);
            assertThat(api.get("/databases/" + project).status()).isEqualTo(404);
        }
    }

    @Test
    void badRequestsChangeNothing(@TempDir Path dir) throws Exception {
        try (RelServer server = server(dir)) {
            ApiClient api = new ApiClient(server.base(), Optional.of(TOKEN));
            assertThat(create(api, Map.of("project", "Bad Name", "engine", "postgresql")).status()).isEqualTo(422);
            assertThat(create(api, Map.of("project", "ok", "engine", "oracle")).status()).isEqualTo(422);
            assertThat(create(api, Map.of("project", "ok", "engine", "postgresql", "version", "9")).status()).isEqualTo(422);
            assertThat(create(api, Map.of("project", "ok", "engine", "postgresql", "port", firstPort)).status())
                    .as("a port a process listens on").isEqualTo(409);
            assertThat(create(api, Map.of("engine", "postgresql")).status()).isEqualTo(400);
            assertThat(api.get("/stacks").json().path("items")).isEmpty();
            assertThat(api.get("/databases").json().path("items")).isEmpty();
        }
    }

    private RelServer server(Path dir) throws IOException, InterruptedException {
        return new RelServer("it-databases", dir.resolve("cm.db").toString(), List.of("--token", TOKEN,
                "--database-ports", firstPort + "-" + (firstPort + 9))).start();
    }

    private String project(String name) {
        String p = name + "-" + suffix;
        projects.add(p);
        return p;
    }

    private static ApiClient.Answer create(ApiClient api, Map<String, Object> body) {
        return api.send(api.request("/databases").timeout(CREATE_TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ApiClient.json(body))));
    }

    private static Connection login(JsonNode db, String password) throws SQLException {
        return DriverManager.getConnection(db.path("jdbc_url").asText(), db.path("user").asText(), password);
    }

    private Container containerOf(String stack) {
        List<Container> all = containers(stack);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private List<Container> containers(String stack) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of("com.docker.compose.project", stack)).exec();
    }

    private List<InspectVolumeResponse> volumes(String stack) {
        List<InspectVolumeResponse> all = docker.listVolumesCmd().exec().getVolumes();
        return all == null ? List.of() : all.stream().filter(v -> v.getName().startsWith(stack + "_")).toList();
    }

    /** A listening socket on the first port of ten free ones in a row (a range of its own for the test). */
    private static ServerSocket firstOfAFreeRange() throws IOException {
        for (int base = 20000 + (int) (Math.random() * 20000); base < 60000; base += 10) {
            if (allFree(base, 10)) {
                ServerSocket s = new ServerSocket();
                s.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), base));
                return s;
            }
        }
        throw new IllegalStateException("no ten free ports in a row");
    }

    private static boolean allFree(int base, int count) {
        for (int p = base; p < base + count; p++) {
            try (ServerSocket s = new ServerSocket(p)) {
                s.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
