package io.coremonitor.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.coremonitor.docker.testing.RequiresDocker;
import io.coremonitor.docker.testing.TestImages;
import io.coremonitor.server.internal.ApiClient;
import io.coremonitor.server.internal.TestArchives;
import io.coremonitor.server.reliability.RelServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command-line client as operators run it: the real jar as a process ({@code java -jar
 * target/coremonitor-server.jar COMMAND ...}) against the server jar as a process on the real Docker engine. Every
 * subcommand at least once, {@code --json} parsed, and each exit code provoked: 0, 1 (a failing apply, an invalid
 * definition), 2 (usage), 3 (a wrong token, an unreachable server).
 */
@RequiresDocker
class CommandLineIT {

    private static final Path JAR = Path.of("target", "coremonitor-server.jar");
    private static final String TOKEN = "cli-it-token-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(240);

    @TempDir
    Path dir;
    private RelServer server;
    private String root;
    private final String name = "cli-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<Process> started = new ArrayList<>();
    private final Map<Process, Path[]> outputs = new HashMap<>();

    /** One run of the client: its exit code and output. */
    record Run(int code, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + out + "\nstderr: " + err, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
        }
    }

    static String compose(String greeting) {
        return "services:\n"
            + "  web:\n"
            + "    image: " + TestImages.BUSYBOX + "\n"
            + "    command: [sh, -c, 'echo \"hello $${GREETING}\"; echo to-stderr >&2; exec sleep 3600']\n"
            + "    stop_signal: SIGKILL\n"
            + "    stop_grace_period: 0s\n"
            + "    environment:\n"
            + "      GREETING: " + greeting + "\n"
            + "  site:\n"
            + "    image: nginx:latest\n"
            + "    x-coremonitor-deploy:\n"
            + "      target: nginx\n";
    }

    @Test
    void everySubcommandAndExitCodeAgainstARealServer(DockerClient docker) throws Exception {
        TestImages.requireBusybox(docker);
        TestImages.require(docker, "nginx:latest", "scripts/test-images.sh --all");
        assertThat(JAR).as("the jar is made at the package phase").isRegularFile();
        try (RelServer s = new RelServer("it-cli", dir.resolve("cm.db").toString(), List.of("--token", TOKEN)).start()) {
            server = s;
            root = s.base().substring(0, s.base().length() - "/api/v1".length());
            try {
                flow();
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(e.getMessage() + "\n--- server log ---\n" + tail(s.logText()), e);
            } finally {
                started.forEach(Process::destroyForcibly);
                cleanUp(docker);
            }
        }
    }

    private void flow() throws Exception {
        Path v1 = write("v1.yaml", compose("one"));
        Path v2 = write("v2.yaml", compose("two"));

        // exit 2: usage errors, before any request
        Run usage = cli("apply");
        assertThat(usage.code()).as(usage.toString()).isEqualTo(2);
        assertThat(usage.err()).startsWith("coremonitor: apply: missing NAME");
        assertThat(cli("frobnicate").code()).isEqualTo(2);
        assertThat(cli("logs", name, "--tail", "many").code()).isEqualTo(2);
        Run help = cli("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("exit codes:", "apply", "deploy");

        // exit 3: a wrong token, an unreachable server; the token is never printed
        Run refused = cliWith(Map.of("COREMONITOR_TOKEN", "not-the-token-42"), "stacks");
        assertThat(refused.code()).as(refused.toString()).isEqualTo(3);
        assertThat(refused.err()).contains("HTTP 401").doesNotContain("not-the-token-42").doesNotContain(TOKEN);
        assertThat(refused.err().lines().count()).isEqualTo(1);
        Run unreachable = cli("--server", "http://127.0.0.1:" + closedPort(), "stacks");
        assertThat(unreachable.code()).as(unreachable.toString()).isEqualTo(3);
        assertThat(unreachable.err()).startsWith("coremonitor: cannot reach the server at http://127.0.0.1:");
        assertThat(unreachable.err()).doesNotContain("Exception").doesNotContain("\tat ");

        // the server and the token from the config file (blank variables count as unset); the launcher script
        Path config = dir.resolve(".config/coremonitor/cli.properties");
        Files.createDirectories(config.getParent());
        Files.writeString(config, "server=" + root + "\ntoken=" + TOKEN + "\n");
        Files.setPosixFilePermissions(config, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Run fromFile = cliWith(Map.of("COREMONITOR_URL", "", "COREMONITOR_TOKEN", ""), "stacks");
        assertThat(fromFile.code()).as(fromFile.toString()).isZero();
        assertThat(fromFile.err()).isEmpty();
        Files.delete(config);
        Run launcher = script("stacks", "--json");
        assertThat(launcher.code()).as(launcher.toString()).isZero();
        assertThat(launcher.json().path("items").isArray()).isTrue();
        Run launcherHelp = script();
        assertThat(launcherHelp.code()).as(launcherHelp.toString()).isZero();
        assertThat(launcherHelp.out()).contains("usage: coremonitor");

        // create, push (a new version only when it differs), diff, plan, history, stacks
        Run created = cli("create", name, "-f", v1.toString(), "-m", "first");
        assertThat(created.code()).as(created.toString()).isZero();
        assertThat(created.out()).contains("created stack " + name);
        Run twice = cli("create", name, "-f", v1.toString());
        assertThat(twice.code()).as(twice.toString()).isEqualTo(1);
        assertThat(twice.err()).contains("HTTP 409");
        Run same = cli("push", name, "-f", v1.toString());
        assertThat(same.code()).as(same.toString()).isZero();
        assertThat(same.out()).contains("no new version").contains("latest version v1");
        Run pushed = cli("--json", "push", name, "-f", v2.toString(), "-m", "second");
        assertThat(pushed.code()).as(pushed.toString()).isZero();
        assertThat(pushed.json().path("created").asBoolean()).isTrue();
        assertThat(pushed.json().path("version").path("version").asText()).isEqualTo("v2");
        Run diff = cli("diff", name, "v1", "v2");
        assertThat(diff.out()).contains("~ web: environment");
        JsonNode plan = cli("plan", name, "v1", "--json").json();
        assertThat(plan.path("actions").findValuesAsText("kind")).contains("CREATE", "CREATE_NETWORK");
        assertThat(cli("plan", name, "v1").out()).contains("plan of " + name + " v1: ").contains("CREATE");
        JsonNode history = cli("history", name, "--json").json();
        assertThat(history.path("items").findValuesAsText("version")).containsExactly("v2", "v1");
        assertThat(cli("history", name).out()).contains("second").contains("first");

        // apply v1 --wait: the command's log as it comes, exit 0 when DONE
        Run applied = cli("apply", name, "v1", "--wait");
        assertThat(applied.code()).as(applied.toString()).isZero();
        assertThat(applied.out()).contains("APPLY_STACK_VERSION queued").contains(" INFO ")
            .contains("APPLY_STACK_VERSION DONE");
        JsonNode stacks = cli("stacks", "--json").json();
        JsonNode mine = find(stacks.path("items"), "name", name);
        assertThat(mine.path("current_version").asText()).isEqualTo("v1");
        assertThat(cli("stacks").out()).containsPattern(name + " +\\S+ +v1 +v2 +#\\d+ APPLY_STACK_VERSION DONE");

        // ps, logs
        JsonNode ps = waitFor(() -> cli("ps", name, "--json").json(), j -> j.path("status").path("actual").asText()
            .equals("RUNNING"));
        assertThat(ps.path("containers").findValuesAsText("service")).containsExactlyInAnyOrder("web", "site");
        Run psTable = cli("ps", name);
        assertThat(psTable.out()).startsWith(name + ": RUNNING").containsPattern("web +" + name + "-web-1 +"
            + TestImages.BUSYBOX + " +running");
        Run webLogs = waitFor(() -> cli("logs", name, "web", "--tail", "10"), r -> r.out().contains("hello one"));
        assertThat(webLogs.out()).contains("to-stderr");
        assertThat(cli("logs", name).out()).containsPattern("web +\\| hello one");
        assertThat(cli("logs", name, "web", "--json").out().lines().map(l -> parse(l).path("message").asText()))
            .contains("hello one");

        // logs -f ends when the container stops (stop --wait)
        Process follow = start("logs", name, "web", "-f");
        Path followOut = out(follow);
        waitFor(() -> read(followOut), t -> t.contains("hello one"));
        Run stopped = cli("stop", name, "web", "--wait");
        assertThat(stopped.code()).as(stopped.toString()).isZero();
        assertThat(follow.waitFor(60, TimeUnit.SECONDS)).as("logs -f ends with the container").isTrue();
        assertThat(follow.exitValue()).isZero();
        Run started = cli("start", name, "--wait");
        assertThat(started.code()).as(started.toString()).isZero();
        Run restarted = cli("restart", name, "web", "--wait", "--json");
        assertThat(restarted.code()).as(restarted.toString()).isZero();
        List<String> jsonLines = restarted.out().lines().toList();
        assertThat(parse(jsonLines.get(jsonLines.size() - 1)).path("status").asText()).isEqualTo("DONE");
        assertThat(parse(jsonLines.get(0)).has("message")).isTrue();

        // deploy a static site into nginx
        Path site = dir.resolve("site.tar.gz");
        Files.write(site, TestArchives.tarGz(Map.of("index.html", "<!doctype html><title>cli</title>cli site")));
        Run deployed = cli("deploy", name, "site", site.toString(), "--wait");
        assertThat(deployed.code()).as(deployed.toString()).isZero();
        assertThat(deployed.out()).contains("uploaded site.tar.gz: sha256 ").contains("DEPLOY_ARTIFACT DONE");

        // apply the latest (v2) without --wait, then the commands list, then rollback --wait
        Run queued = cli("--json", "apply", name);
        assertThat(queued.code()).as(queued.toString()).isZero();
        long applyV2 = queued.json().path("command_id").asLong();
        assertThat(queued.json().path("payload").path("version").asText()).isEqualTo("v2");
        waitFor(() -> api().get("/commands/" + applyV2).json(), j -> j.path("status").asText().equals("DONE"));
        JsonNode commands = cli("commands", "--stack", name, "--json").json();
        assertThat(commands.path("items").findValuesAsText("type")).contains("APPLY_STACK_VERSION", "RUNTIME_ACTION",
            "DEPLOY_ARTIFACT");
        assertThat(cli("commands", "--stack", name).out()).containsPattern(applyV2 + " +" + name + " +APPLY_STACK_VERSION +DONE");
        Run rolledBack = cli("rollback", name, "v1", "--wait");
        assertThat(rolledBack.code()).as(rolledBack.toString()).isZero();
        assertThat(api().get("/stacks?name=" + name).json().path("items").get(0).path("current_version").asText())
            .isEqualTo("v1");

        // exit 1: an invalid definition, each error with its place
        Path bad = write("bad.yaml", "services:\n  web:\n    image: nginx\n    restart: sometimes\n");
        Run invalid = cli("push", name, "-f", bad.toString());
        assertThat(invalid.code()).as(invalid.toString()).isEqualTo(1);
        assertThat(invalid.err().lines()).contains(bad + ":4:5: services.web.restart: 'sometimes' is not a restart policy;"
            + " use no, always, on-failure[:N] or unless-stopped");

        // exit 1: an apply that fails (its image is missing, pull_policy never); retry, then cancel it
        Path missing = write("v3.yaml", "services:\n  web:\n    image: coremonitor-test/missing:never\n    pull_policy: never\n");
        assertThat(cli("push", name, "-f", missing.toString()).code()).isZero();
        Run failed = cli("apply", name, "v3", "--wait");
        assertThat(failed.code()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.err()).containsPattern("coremonitor: command \\d+ APPLY_STACK_VERSION ended FAILED: .*pull_policy is never");
        long failedId = Long.parseLong(failed.err().replaceAll("(?s).*command (\\d+) APPLY_STACK_VERSION.*", "$1"));
        Run retried = cli("retry", Long.toString(failedId), "--wait");
        assertThat(retried.code()).as(retried.toString()).isEqualTo(1);
        Run cancelled = cli("cancel", Long.toString(failedId));
        assertThat(cancelled.code()).as(cancelled.toString()).isZero();
        assertThat(cancelled.out()).contains("command " + failedId + " CANCELLED");
        assertThat(cli("cancel", Long.toString(failedId)).code()).as("409: cancelled already").isEqualTo(1);

        // delete --wait
        Run deleted = cli("delete", name, "--volumes", "--wait");
        assertThat(deleted.code()).as(deleted.toString()).isZero();
        assertThat(cli("stacks", "--all").out()).containsPattern(name + " +DELETED");
        assertThat(cli("ps", name).code()).as("no live stack of that name").isEqualTo(1);
    }

    private Run cli(String... args) throws IOException, InterruptedException {
        return cliWith(Map.of(), args);
    }

    /** Through {@code scripts/coremonitor} (bash), with {@code COREMONITOR_JAR} naming this build's jar. */
    private Run script(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", Path.of("..", "scripts", "coremonitor").toString()));
        cmd.addAll(List.of(args));
        return await(process(cmd, Map.of("COREMONITOR_JAR", JAR.toAbsolutePath().toString(), "JAVA", java())), args);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** {@code java -jar target/coremonitor-server.jar ARGS...} */
    private static List<String> jar(String... args) {
        List<String> cmd = new ArrayList<>(List.of(java(), "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private Run cliWith(Map<String, String> extraEnv, String... args) throws IOException, InterruptedException {
        return await(process(jar(args), extraEnv), args);
    }

    private Run await(Process p, String... args) throws InterruptedException {
        if (!p.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("coremonitor " + String.join(" ", args) + " did not end within " + COMMAND_TIMEOUT
                + ":\n" + read(out(p)));
        }
        return new Run(p.exitValue(), read(out(p)), read(err(p)));
    }

    /** A client process left running (logs -f); destroyed at the end if it is still running. */
    private Process start(String... args) throws IOException {
        Process p = process(jar(args), Map.of());
        started.add(p);
        return p;
    }

    private Process process(List<String> cmd, Map<String, String> extraEnv) throws IOException {
        Path stdout = Files.createTempFile(dir, "cli", ".out");
        Path stderr = Files.createTempFile(dir, "cli", ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("COREMONITOR_"));
        env.put("HOME", dir.toString());
        env.remove("XDG_CONFIG_HOME");
        env.put("COREMONITOR_URL", root);
        env.put("COREMONITOR_TOKEN", TOKEN);
        env.put("COREMONITOR_ACTOR", "cli-it");
        env.putAll(extraEnv);
        Process p = pb.start();
        outputs.put(p, new Path[] {stdout, stderr});
        return p;
    }

    private Path out(Process p) {
        return outputs.get(p)[0];
    }

    private Path err(Process p) {
        return outputs.get(p)[1];
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private Path write(String file, String text) throws IOException {
        return Files.writeString(dir.resolve(file), text);
    }

    private ApiClient api() {
        return new ApiClient(server.base(), Optional.of(TOKEN));
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }

    private static JsonNode find(JsonNode items, String field, String value) {
        for (JsonNode i : items) {
            if (i.path(field).asText().equals(value)) {
                return i;
            }
        }
        throw new AssertionError("no item with " + field + "=" + value + " in " + items);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private interface Read<T> {
        T get() throws Exception;
    }

    private static <T> T waitFor(Read<T> read, Predicate<T> done) {
        Supplier<T> s = () -> {
            try {
                return read.get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        return Awaitility.await().atMost(Duration.ofSeconds(120)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500))
            .pollInSameThread().until(s::get, done);
    }

    /** Removes what the test's stack left in Docker, by its label (after a failure midway). */
    private void cleanUp(DockerClient docker) {
        JsonNode items = api().get("/stacks?include_deleted=true&name=" + name).json().path("items");
        for (JsonNode stack : items) {
            String id = stack.path("stack_id").asText();
            for (Container c : docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of("coremonitor.stack_id", id))
                    .exec()) {
                docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
            }
            docker.listNetworksCmd().withFilter("label", List.of("coremonitor.stack_id=" + id)).exec()
                .forEach(n -> docker.removeNetworkCmd(n.getId()).exec());
            var volumes = docker.listVolumesCmd().withFilter("label", List.of("coremonitor.stack_id=" + id)).exec().getVolumes();
            if (volumes != null) {
                volumes.forEach(v -> docker.removeVolumeCmd(v.getName()).exec());
            }
        }
    }

    private static String tail(String text) {
        return text.length() > 20_000 ? text.substring(text.length() - 20_000) : text;
    }
}
