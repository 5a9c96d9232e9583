package io.coremonitor.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import io.coremonitor.docker.testing.RequiresDocker;
import io.coremonitor.docker.testing.TestImages;
import io.coremonitor.server.internal.ApiClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wizard end to end, the server jar as a process on SQLite and the real Docker engine (the offline stand-ins of
 * the official images, at versions they have): {@code POST /wizard/stacks} with {@code apply} makes and applies a stack
 * whose components really work together (nginx proxies to Tomcat, whose deployed WAR reads PostgreSQL with the
 * generated password), and every built-in component is applied and reaches running, healthy where it has a health
 * check; {@code POST /stacks/{id}/wizard} adds a component as the next version and keeps the stack's secrets.
 */
@RequiresDocker
class WizardStackIT {

    private static final List<String> IMAGES = List.of("nginx:1.22", "tomcat:10", "postgres:15",
            "quay.io/wildfly/wildfly:39.0.1.Final-jdk17", "mariadb:10.11", "redis:7");

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Map<String, Object> component(String name, String component, String version, Map<String, String> params) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("component", component);
        if (version != null) {
            c.put("version", version);
        }
        if (!params.isEmpty()) {
            c.put("parameters", params);
        }
        return c;
    }

    private static void requireImages(DockerClient docker) {
        IMAGES.forEach(image -> TestImages.require(docker, image, "scripts/test-images.sh --all"));
    }

    /** Applies the wizard's stack: the 201 carries the APPLY, which must end DONE. */
    private static JsonNode makeAndApply(DeployFixture f, List<String> stackIds, String path, Map<String, Object> body,
            int expectedStatus) {
        ApiClient.Answer made = f.api.post(path, ApiClient.json(body));
        assertThat(made.status()).as(made.text()).isEqualTo(expectedStatus);
        JsonNode answer = made.json();
        String stackId = answer.path("stack").path("stack_id").asText();
        if (!f.stackIds.contains(stackId)) {
            f.stackIds.add(stackId);
            stackIds.add(stackId);
        }
        assertThat(answer.path("command").path("type").asText()).isEqualTo("APPLY_STACK_VERSION");
        f.runToEnd(answer.path("command"), "DONE");
        return answer;
    }

    /** Waits until every service runs, healthy when it has a health check. */
    private static JsonNode awaitRunningAndHealthy(DeployFixture f, String stackId, List<String> services) {
        return await("stack " + stackId + " running and healthy").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500)).until(() -> f.api.get("/stacks/" + stackId + "/status").json(), s -> {
                    for (String service : services) {
                        JsonNode one = s.path("services").path(service);
                        boolean healthy = one.path("health").isMissingNode() || one.path("health").isNull()
                                || one.path("health").asText().equals("healthy");
                        if (!one.path("state").asText().equals("running") || !healthy) {
                            return false;
                        }
                    }
                    return s.path("actual").asText().equals("RUNNING");
                });
    }

    /** Volumes the stacks' deletion left (it removes them; this is for a test that failed before it). */
    private static void removeVolumes(DockerClient docker, List<String> stackIds) {
        for (String id : stackIds) {
            docker.listVolumesCmd().withFilter("label", List.of("coremonitor.stack_id=" + id)).exec().getVolumes()
                    .forEach(v -> docker.removeVolumeCmd(v.getName()).exec());
        }
    }

    @Test
    void nginxProxiesToTomcatWhoseWarReadsPostgresqlWithTheGeneratedPassword(@TempDir Path dir, DockerClient docker)
            throws Exception {
        requireImages(docker);
        int webPort = freePort();
        int tomcatPort = freePort();
        String name = "wiz-shop-" + suffix();
        String secret = name + "-db-password";
        List<String> stackIds = new ArrayList<>();
        try (DeployFixture f = new DeployFixture("it-wizard-shop", dir, docker, List.of())) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("components", List.of(
                    component("web", "nginx", "1.22", Map.of("port", Integer.toString(webPort))),
                    component("tomcat", "tomcat", "10", Map.of("port", Integer.toString(tomcatPort))),
                    component("app", "application", null, Map.of()),
                    component("db", "postgresql", "15", Map.of())));
            body.put("apply", true);
            JsonNode made = makeAndApply(f, stackIds, "/wizard/stacks", body, 201);
            String stackId = made.path("stack").path("stack_id").asText();
            assertThat(made.path("version").asText()).isEqualTo("v1");
            assertThat(made.path("secrets").toString())
                    .isEqualTo("[{\"name\":\"" + secret + "\",\"generated\":true,\"stored\":true}]");
            awaitRunningAndHealthy(f, stackId, List.of("web", "tomcat", "db"));

            // a table for the application to read, made with the password the database was initialised with
            String db = f.containerId(stackId, "db");
            String seeded = f.exec(db, "sh", "-c", "PGPASSWORD=$(cat /run/secrets/" + secret + ") psql -h 127.0.0.1 -U app"
                    + " -d app -v ON_ERROR_STOP=1 -c \"CREATE TABLE fruit (name text); INSERT INTO fruit VALUES ('pear'),"
                    + " ('apple')\" 2>&1");
            assertThat(seeded).contains("INSERT 0 2");

            String sha = f.upload(DeployFixture.testApp("dbread.war"));
            ApiClient.Answer deploy = f.api.post("/stacks/" + stackId + "/deploy", ApiClient.json(Map.of("service", "tomcat",
                    "artifact", sha, "path", "/dbread", "check", Map.of("path", "/dbread/health", "status", 200))));
            f.runToEnd(deploy, "DONE");

            // through nginx's published port: nginx -> Tomcat -> the WAR -> PostgreSQL
            f.awaitBody("http://127.0.0.1:" + webPort + "/dbread/", "row apple\nrow pear\n");

            String password = f.api.post("/secrets/" + secret + "/reveal", "").json().path("value").asText();
            assertThat(password).hasSize(24);
            assertThat(f.exec(f.containerId(stackId, "tomcat"), "sh", "-c", "cat \"$DB_PASSWORD_FILE\"")).isEqualTo(password);
            assertThat(made.toString()).doesNotContain(password);
            assertThat(f.api.get("/stacks/" + stackId + "/versions/v1").text()).contains(secret).doesNotContain(password);
            assertThat(f.api.get("/stacks/" + stackId + "/wizard").text()).doesNotContain(password);
            long applyId = made.path("command").path("command_id").asLong();
            assertThat(f.commandLog(applyId)).doesNotContain(password);
            assertThat(f.server.logText()).contains("wizard: stack " + name).doesNotContain(password);
        } finally {
            removeVolumes(docker, stackIds);
        }
    }

    @Test
    void everyOtherBuiltInComponentRunsAndTheNextVersionKeepsTheSecrets(@TempDir Path dir, DockerClient docker)
            throws Exception {
        requireImages(docker);
        int wildflyPort = freePort();
        String name = "wiz-all-" + suffix();
        List<String> stackIds = new ArrayList<>();
        try (DeployFixture f = new DeployFixture("it-wizard-all", dir, docker, List.of())) {
            List<Object> components = new ArrayList<>(List.of(
                    component("wildfly", "wildfly", "39", Map.of("port", Integer.toString(wildflyPort))),
                    component("app", "application", null, Map.of()),
                    component("mariadb", "mariadb", "10.11", Map.of())));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("components", components);
            body.put("apply", true);
            JsonNode v1 = makeAndApply(f, stackIds, "/wizard/stacks", body, 201);
            String stackId = v1.path("stack").path("stack_id").asText();
            assertThat(v1.path("secrets").toString()).isEqualTo("[{\"name\":\"" + name + "-mariadb-password\",\"generated\":true,"
                    + "\"stored\":true},{\"name\":\"" + name + "-mariadb-root-password\",\"generated\":true,\"stored\":true}]");
            awaitRunningAndHealthy(f, stackId, List.of("wildfly", "mariadb"));
            String password = f.api.post("/secrets/" + name + "-mariadb-password/reveal", "").json().path("value").asText();
            String mariadbContainer = f.containerId(stackId, "mariadb");

            // the next version: the stored choices and Redis
            JsonNode stored = f.api.get("/stacks/" + stackId + "/wizard").json();
            assertThat(stored.path("components").size()).isEqualTo(3);
            components.add(component("redis", "redis", "7", Map.of()));
            JsonNode v2 = makeAndApply(f, stackIds, "/stacks/" + stackId + "/wizard", body, 201);
            assertThat(v2.path("version").asText()).isEqualTo("v2");
            assertThat(v2.path("secrets").toString()).isEqualTo("[{\"name\":\"" + name + "-mariadb-password\",\"generated\":false,"
                    + "\"stored\":false},{\"name\":\"" + name + "-mariadb-root-password\",\"generated\":false,\"stored\":false}]");
            awaitRunningAndHealthy(f, stackId, List.of("wildfly", "mariadb", "redis"));

            assertThat(f.api.post("/secrets/" + name + "-mariadb-password/reveal", "").json().path("value").asText())
                    .as("kept, not generated again").isEqualTo(password);
            assertThat(f.containerId(stackId, "mariadb")).as("the database's container is kept").isEqualTo(mariadbContainer);
            String wildfly = f.containerId(stackId, "wildfly");
            assertThat(f.exec(wildfly, "sh", "-c", "echo \"$DB_URL $DB_USER $REDIS_URL\"").strip())
                    .isEqualTo("jdbc:mariadb://mariadb:3306/app app redis://redis:6379");
            assertThat(f.exec(wildfly, "sh", "-c", "cat \"$DB_PASSWORD_FILE\"")).isEqualTo(password);
            assertThat(f.exec(f.containerId(stackId, "redis"), "redis-cli", "ping").strip()).isEqualTo("PONG");
            assertThat(f.exec(mariadbContainer, "sh", "-c", "mariadb -h 127.0.0.1 -u app -p\"$(cat /run/secrets/" + name
                    + "-mariadb-password)\" -N -e 'SELECT 40 + 2' app 2>&1").strip()).isEqualTo("42");
        } finally {
            removeVolumes(docker, stackIds);
        }
    }
}
