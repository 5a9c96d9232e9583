package io.coremonitor.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Frame;
import io.coremonitor.server.internal.ApiClient;
import io.coremonitor.server.reliability.RelServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real server process (the jar) on a SQLite file with its data directory in a temporary directory, driven over the
 * REST API; the test applications of {@code coremonitor-testapps}; HTTP from the test JVM to a container's address on
 * its stack network (the host reaches bridge networks).
 */
final class DeployFixture implements AutoCloseable {

    static final Set<String> ENDED = Set.of("DONE", "FAILED", "CANCELLED");

    final RelServer server;
    final ApiClient api;
    final DockerClient docker;
    final List<String> stackIds = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    DeployFixture(String name, Path dir, DockerClient docker, List<String> extraArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of("--data-dir", dir.resolve("data").toString(), "--queue-on-failure",
            "continue"));
        args.addAll(extraArgs);
        this.server = new RelServer(name, dir.resolve("cm.db").toString(), args).start();
        this.api = server.api();
        this.docker = docker;
    }

    /** A file of coremonitor-testapps/target/testapps. */
    static Path testApp(String file) {
        String dir = System.getProperty("coremonitor.testapps");
        if (dir == null) {
            throw new IllegalStateException("the system property coremonitor.testapps is not set (see coremonitor-server/pom.xml)");
        }
        Path p = Path.of(dir, file);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException(p + " is missing: the coremonitor-testapps module builds it (mvn package)");
        }
        return p;
    }

    /** Creates a stack with one service {@code app} and applies v1; returns the stack id. */
    String createAndApply(String compose) throws InterruptedException {
        ApiClient.Answer created = api.post("/stacks", ApiClient.json(Map.of("name", "dep-" + UUID.randomUUID()
            .toString().substring(0, 8), "compose", compose)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.json().path("stack_id").asText();
        stackIds.add(id);
        runToEnd(api.post("/stacks/" + id + "/apply/v1", null), "DONE");
        return id;
    }

    /** Uploads a file as the raw body; returns its sha256. */
    String upload(Path file) throws IOException {
        ApiClient.Answer a = api.send(api.request("/artifacts?name=" + file.getFileName())
            .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofFile(file)));
        assertThat(a.status()).as(a.text()).isIn(200, 201);
        return a.json().path("sha256").asText();
    }

    /** POST /stacks/{id}/deploy; returns the 202's command. */
    JsonNode deploy(String stackId, String sha, String path) {
        ApiClient.Answer a = api.post("/stacks/" + stackId + "/deploy", ApiClient.json(path == null
            ? Map.of("service", "app", "artifact", sha) : Map.of("service", "app", "artifact", sha, "path", path)));
        assertThat(a.status()).as(a.text()).isEqualTo(202);
        return a.json();
    }

    /** Waits for a 202's command to end and checks its status; returns the ended command. */
    JsonNode runToEnd(ApiClient.Answer accepted, String expected) throws InterruptedException {
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        return runToEnd(accepted.json(), expected);
    }

    JsonNode runToEnd(JsonNode command, String expected) {
        long id = command.path("command_id").asLong();
        JsonNode end = await("command " + id).atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(200))
            .until(() -> api.get("/commands/" + id).json(), j -> ENDED.contains(j.path("status").asText()));
        if (!end.path("status").asText().equals(expected)) {
            throw new AssertionError("command " + id + " ended " + end + "; logs: " + api.get("/commands/" + id + "/logs").text());
        }
        return end;
    }

    /** Waits for a command to end, whatever its status. */
    JsonNode runToEndAny(JsonNode command) {
        long id = command.path("command_id").asLong();
        return await("command " + id).atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(200))
            .until(() -> api.get("/commands/" + id).json(), j -> ENDED.contains(j.path("status").asText()));
    }

    /** Runs a command in a container; returns its standard output. */
    String exec(String containerId, String... command) throws InterruptedException {
        String execId = docker.execCreateCmd(containerId).withCmd(command).withAttachStdout(true).withAttachStderr(true)
            .exec().getId();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ResultCallback.Adapter<Frame> cb =
                docker.execStartCmd(execId).exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Frame frame) {
                        out.writeBytes(frame.getPayload());
                    }
                })) {
            if (!cb.awaitCompletion(30, TimeUnit.SECONDS)) {
                throw new AssertionError("exec " + String.join(" ", command) + " did not end within 30 s");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    String commandLog(long id) {
        return api.get("/commands/" + id + "/logs").text();
    }

    /** The address of the service's container on its stack network. */
    String address(String stackId, String service) {
        List<Container> cs = docker.listContainersCmd().withLabelFilter(Map.of("coremonitor.stack_id", stackId,
            "coremonitor.service", service)).exec();
        assertThat(cs).as("running containers of " + service).hasSize(1);
        Map<String, ContainerNetwork> networks = docker.inspectContainerCmd(cs.get(0).getId()).exec().getNetworkSettings()
            .getNetworks();
        return networks.values().stream().map(ContainerNetwork::getIpAddress).filter(ip -> ip != null && !ip.isBlank())
            .findFirst().orElseThrow(() -> new AssertionError("no address for " + service + ": " + networks));
    }

    String containerId(String stackId, String service) {
        return docker.listContainersCmd().withLabelFilter(Map.of("coremonitor.stack_id", stackId,
            "coremonitor.service", service)).exec().get(0).getId();
    }

    /** One GET: status and body, or -1 and the error. */
    Hit get(String url) {
        long t = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
            return new Hit(t, r.statusCode(), r.body());
        } catch (IOException e) {
            return new Hit(t, -1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Hit(t, -1, e.toString());
        }
    }

    /** Waits until {@code url} answers 200 with {@code body}. */
    void awaitBody(String url, String body) {
        await(url + " answering " + body).atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
            .until(() -> get(url), h -> h.status() == 200 && h.body().equals(body));
    }

    /**
     * One GET.
     *
     * @param nanos  when it was sent (System.nanoTime)
     * @param status the HTTP status, -1 when no answer came
     * @param body   the body, or the error
     */
    record Hit(long nanos, int status, String body) {
    }

    @Override
    public void close() throws Exception {
        for (String id : stackIds) {
            try {
                api.post("/stacks/" + id + "/delete", "{\"remove_volumes\":true}");
            } catch (RuntimeException e) {
                System.err.println("delete of stack " + id + " failed: " + e);
            }
        }
        try {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> api.get("/queue").json(),
                q -> q.path("running").isNull() && q.path("pending").asInt() == 0);
        } catch (RuntimeException e) {
            System.err.println("the queue did not drain: " + e);
        }
        server.close();
        for (String id : stackIds) {
            for (Container c : docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of("coremonitor.stack_id", id))
                .exec()) {
                docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
            }
            docker.listNetworksCmd().withFilter("label", List.of("coremonitor.stack_id=" + id)).exec()
                .forEach(n -> docker.removeNetworkCmd(n.getId()).exec());
        }
    }
}
