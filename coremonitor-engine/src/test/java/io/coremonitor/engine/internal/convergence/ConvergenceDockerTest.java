package io.coremonitor.engine.internal.convergence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Container;
import io.coremonitor.docker.DockerOps;
import io.coremonitor.docker.ExecResult;
import io.coremonitor.docker.StackLabels;
import io.coremonitor.docker.testing.RequiresDocker;
import io.coremonitor.docker.testing.StackCleanup;
import io.coremonitor.docker.testing.TestImages;
import io.coremonitor.docker.testing.TestLabels;
import io.coremonitor.engine.CommandExecutor;
import io.coremonitor.engine.CommandFailedException;
import io.coremonitor.engine.PlanAction;
import io.coremonitor.engine.StackInspector;
import io.coremonitor.engine.StackPlan;
import io.coremonitor.engine.StackStatusView;
import io.coremonitor.engine.secrets.SecretKeySource;
import io.coremonitor.engine.secrets.SecretService;
import io.coremonitor.engine.secrets.SecretValue;
import io.coremonitor.model.CanonicalJson;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.CommandType;
import io.coremonitor.model.ComposeLoader;
import io.coremonitor.model.StackState;
import io.coremonitor.model.StackVersion;
import io.coremonitor.store.NewVersion;
import io.coremonitor.store.Store;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** APPLY, ROLLBACK, DELETE and runtime actions against the real engine, with coremonitor-test/busybox. */
@RequiresDocker
class ConvergenceDockerTest {

    private static final AtomicLong COMMAND_IDS = new AtomicLong(1000);
    private static final String SECRET = "Stored-Secret-Value-8841";
    private static final String ENV_TOKEN = "Env-Token-Value-5527";

    @TempDir
    Path dir;

    private final DockerClient docker;
    private Store store;
    private CountingOps ops;
    private Map<CommandType, CommandExecutor> executors;
    private StackInspector inspector;
    private String stackId;
    private String stackName;
    private int port;
    private SecretService secrets;

    ConvergenceDockerTest(DockerClient docker) {
        this.docker = docker;
    }

    @BeforeEach
    void setUp() throws IOException {
        TestImages.requireBusybox(docker);
        store = Store.openSqlite(dir.resolve("cm.db"));
        ops = new CountingOps(DockerOps.of(docker));
        secrets = SecretService.start(store.secrets(), SecretKeySource.keyFile(dir.resolve("secret.key")));
        FileContents contents = new FileContents(Optional.of(secrets),
            name -> Optional.ofNullable(Map.of("SITE_TOKEN", ENV_TOKEN).get(name)));
        executors = TestExecutors.byType(store, ops, contents);
        inspector = StackInspector.create(store, ops, Clock.systemUTC());
        stackName = TestLabels.uniqueName("conv");
        stackId = stackName + "-id";
        store.stacks().create(stackId, stackName);
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
    }

    @AfterEach
    void cleanUp() {
        StackCleanup.remove(docker, stackId);
        store.close();
    }

    /** web (httpd, healthcheck) ← app (healthy web, completed init) ; init one-shot; named volume; alias. */
    private String definition(String mode, String webHealthUrl) {
        String image = TestImages.BUSYBOX;
        return """
            services:
              web:
                image: %1$s
                command: ["sh", "-c", "mkdir -p /www && echo hello > /www/index.html && exec httpd -f -p 8080 -h /www"]
                ports:
                  - "127.0.0.1:%2$d:8080"
                stop_grace_period: 2s
                healthcheck:
                  test: ["CMD", "wget", "-q", "-O", "/dev/null", "%4$s"]
                  interval: 1s
                  timeout: 2s
                  retries: 3
                networks:
                  default:
                    aliases: [webalias]
              init:
                image: %1$s
                command: ["sh", "-c", "echo init-done >> /data/history"]
                volumes:
                  - data:/data
              app:
                image: %1$s
                command: ["sh", "-c", "echo $$MODE >> /data/history; cat /data/history; exec sleep 3600"]
                stop_signal: SIGKILL
                environment:
                  MODE: %3$s
                volumes:
                  - data:/data
                healthcheck:
                  test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://webalias:8080/"]
                  interval: 1s
                  timeout: 2s
                  retries: 5
                depends_on:
                  web:
                    condition: service_healthy
                  init:
                    condition: service_completed_successfully
            volumes:
              data: {}
            """.formatted(image, port, mode, webHealthUrl);
    }

    private String version(String yaml) {
        String canonical = CanonicalJson.toJson(ComposeLoader.load(yaml, Map.of()));
        return store.versions().create(NewVersion.of(stackId, "test", null, canonical)).version();
    }

    private String goodVersion(String mode) {
        return version(definition(mode, "http://127.0.0.1:8080/"));
    }

    private TestContext run(CommandType type, String payload) {
        return run(type, payload, new TestContext());
    }

    private TestContext run(CommandType type, String payload, TestContext ctx) {
        Command command = new Command(COMMAND_IDS.incrementAndGet(), stackId, type, payload, CommandStatus.RUNNING, 1, Instant.now(),
            Optional.of(Instant.now()), Optional.empty(), "test", Optional.empty());
        executors.get(type).execute(command, ctx);
        return ctx;
    }

    private TestContext apply(String version) {
        return run(CommandType.APPLY_STACK_VERSION, "{\"version\":\"" + version + "\",\"auto_rollback\":false}");
    }

    private Map<String, String> containerIds() {
        return ops.listContainers(StackLabels.STACK_ID, stackId).stream()
            .collect(Collectors.toMap(c -> c.getLabels().get(StackLabels.SERVICE), Container::getId));
    }

    private InspectContainerResponse inspect(String service) {
        return docker.inspectContainerCmd(containerIds().get(service)).exec();
    }

    private String httpGet() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void applyStartsTheStackInDependencyOrderAndReApplyChangesNothing() throws Exception {
        String v1 = goodVersion("one");
        StackPlan dryRun = inspector.plan(stackId, v1);
        assertThat(dryRun.actions(PlanAction.Kind.CREATE)).extracting(a -> a.service().orElseThrow())
            .containsExactlyInAnyOrder("app", "init", "web");
        assertThat(dryRun.actions(PlanAction.Kind.CREATE_NETWORK)).extracting(PlanAction::name).containsExactly(stackName + "_default");
        assertThat(dryRun.actions(PlanAction.Kind.CREATE_VOLUME)).extracting(PlanAction::name).containsExactly(stackName + "_data");
        assertThat(ops.mutations).isEmpty();

        TestContext log = apply(v1);

        assertThat(store.stacks().getOrThrow(stackId).currentVersion()).contains(v1);
        StackVersion stored = store.versions().getOrThrow(stackId, v1);
        assertThat(stored.status().orElseThrow().actual()).isEqualTo(StackState.RUNNING);
        assertThat(stored.runtime().orElseThrow().containers()).containsOnlyKeys("app", "init", "web");
        assertThat(httpGet()).isEqualTo("hello\n");
        // app became healthy: it resolved the alias webalias and fetched from web
        assertThat(inspect("app").getState().getHealth().getStatus()).isEqualTo("healthy");
        assertThat(inspect("init").getState().getExitCodeLong()).isZero();
        assertThat(inspect("app").getName()).isEqualTo("/" + stackName + "-app-1");
        assertThat(inspect("app").getConfig().getLabels()).containsEntry(StackLabels.MANAGED, "true")
            .containsEntry(StackLabels.VERSION, v1).containsEntry(StackLabels.SERVICE, "app").containsKey(StackLabels.CONFIG_HASH)
            .containsEntry(StackLabels.COMPOSE_PROJECT, stackName);
        String text = log.text();
        assertThat(text.indexOf("web is healthy")).isLessThan(text.indexOf("started app"));
        assertThat(text.indexOf("init completed successfully")).isLessThan(text.indexOf("started app"));

        StackStatusView status = inspector.status(stackId);
        assertThat(status.actual()).isEqualTo(StackState.RUNNING);
        assertThat(status.services().get("app").health()).contains("healthy");
        assertThat(status.services().get("init").state()).isEqualTo("exited");
        assertThat(inspector.containers(stackId)).anySatisfy(c -> assertThat(c.ports()).contains("127.0.0.1:" + port + "->8080/tcp"));

        Map<String, String> before = containerIds();
        ops.mutations.clear();
        ops.reads.clear();
        TestContext again = apply(v1);
        assertThat(ops.mutations).as("mutating calls of a re-apply").isEmpty();
        // app is kept: web's health and init's completion are not awaited again (no inspect)
        assertThat(ops.reads).as("read calls of a re-apply").containsExactlyInAnyOrder("listContainers", "listNetworks", "listVolumes");
        assertThat(containerIds()).isEqualTo(before);
        assertThat(again.text()).contains("nothing to create, recreate or remove");
        assertThat(inspector.plan(stackId, v1).unchanged()).isTrue();
    }

    @Test
    void reApplyingTheAppliedVersionReadsThreeListsOnlyAndStillSeesDrift() {
        StringBuilder yaml = new StringBuilder("services:\n");
        for (int i = 1; i <= 5; i++) {
            yaml.append("  s").append(i).append(":\n    image: ").append(TestImages.BUSYBOX)
                .append("\n    command: [\"sleep\", \"3600\"]\n    stop_signal: SIGKILL\n    volumes: [\"data:/data\"]\n");
        }
        yaml.append("volumes:\n  data: {}\n");
        String v1 = version(yaml.toString());
        apply(v1);
        Map<String, String> before = containerIds();
        assertThat(before).hasSize(5);

        ops.mutations.clear();
        ops.reads.clear();
        TestContext again = apply(v1);
        assertThat(again.text()).contains("nothing to create, recreate or remove");
        assertThat(ops.mutations).as("mutating calls of a no-op re-apply").isEmpty();
        // the actual state is read from Docker, once: no image check, no inspect per container
        assertThat(ops.reads).as("read calls of a no-op re-apply")
            .containsExactlyInAnyOrder("listContainers", "listNetworks", "listVolumes");
        assertThat(containerIds()).isEqualTo(before);

        // nothing is cached across commands: a container removed behind Core Monitor's back is seen and recreated
        docker.removeContainerCmd(before.get("s3")).withForce(true).exec();
        ops.mutations.clear();
        apply(v1);
        assertThat(ops.mutations).hasSize(2)
            .allMatch(m -> m.startsWith("createContainer " + stackName + "-s3-1") || m.startsWith("start "));
        assertThat(containerIds()).containsOnlyKeys(before.keySet()).doesNotContainValue(before.get("s3"));
    }

    @Test
    void changingOneServiceRecreatesItAloneKeepsTheVolumeAndRollbackRestoresIt() throws Exception {
        String v1 = goodVersion("one");
        apply(v1);
        Map<String, String> before = containerIds();
        String v2 = goodVersion("two");

        StackPlan plan = inspector.plan(stackId, v2);
        assertThat(plan.actions(PlanAction.Kind.RECREATE)).singleElement().satisfies(a -> {
            assertThat(a.service()).contains("app");
            assertThat(a.reasons()).containsExactly("environment changed (since " + v1 + ")");
        });
        assertThat(plan.actions(PlanAction.Kind.KEEP)).extracting(a -> a.service().orElseThrow()).containsExactlyInAnyOrder("web", "init");

        apply(v2);
        Map<String, String> after = containerIds();
        assertThat(after.get("web")).isEqualTo(before.get("web"));
        assertThat(after.get("init")).isEqualTo(before.get("init"));
        assertThat(after.get("app")).isNotEqualTo(before.get("app"));
        assertThat(Arrays.asList(inspect("app").getConfig().getEnv())).contains("MODE=two");
        // the named volume kept what v1 wrote
        assertThat(ops.logTail(after.get("app"), 20)).contains("init-done\none\ntwo");
        assertThat(store.stacks().getOrThrow(stackId).currentVersion()).contains(v2);

        run(CommandType.ROLLBACK_STACK_VERSION, "{\"version\":\"" + v1 + "\"}");
        assertThat(store.stacks().getOrThrow(stackId).currentVersion()).contains(v1);
        assertThat(Arrays.asList(inspect("app").getConfig().getEnv())).contains("MODE=one");
        assertThat(containerIds().get("web")).isEqualTo(before.get("web"));
        assertThat(httpGet()).isEqualTo("hello\n");
    }

    @Test
    void aFailingHealthcheckFailsTheVersionAndAutoRollbackRestoresThePreviousOne() throws Exception {
        String v1 = goodVersion("one");
        apply(v1);
        String bad = version(definition("one", "http://127.0.0.1:9999/"));

        assertThatThrownBy(() -> run(CommandType.APPLY_STACK_VERSION, "{\"version\":\"" + bad + "\",\"auto_rollback\":true}"))
            .isInstanceOf(CommandFailedException.class)
            .hasMessageContaining("service 'web' failed")
            .hasMessageContaining("health check failed")
            .hasMessageContaining("rolled back to " + v1);

        StackVersion failed = store.versions().getOrThrow(stackId, bad);
        assertThat(failed.status().orElseThrow().actual()).isEqualTo(StackState.FAILED);
        assertThat(failed.status().orElseThrow().reason().orElseThrow()).contains("service 'web' failed", "health check failed");
        assertThat(store.stacks().getOrThrow(stackId).currentVersion()).contains(v1);
        assertThat(httpGet()).isEqualTo("hello\n");
        assertThat(inspect("web").getConfig().getLabels()).containsEntry(StackLabels.VERSION, v1);
        assertThat(inspector.status(stackId).actual()).isEqualTo(StackState.RUNNING);
    }

    @Test
    void aFailedFirstApplyRemovesItsContainersAndNetworksKeepsTheVolumeAndSaysSo() {
        String broken = definition("one", "http://127.0.0.1:8080/").replace("echo init-done >> /data/history", "echo broken; exit 3");
        String v1 = version(broken);
        TestContext log = new TestContext();
        assertThatThrownBy(() -> run(CommandType.APPLY_STACK_VERSION, "{\"version\":\"" + v1 + "\"}", log))
            .isInstanceOf(CommandFailedException.class)
            .hasMessageContaining("service 'init' failed: exited with code 3")
            .hasMessageContaining("broken")
            .hasMessageContaining("cleanup: removed container ")
            .hasMessageContaining("kept volume(s) " + stackName + "_data (they may hold data)");
        // web had started (it was healthy) and app was created but never started: all of it is gone
        assertThat(log.text()).contains("started web").doesNotContain("started app")
            .contains("cleanup: removed container " + stackName + "-web-1", "cleanup: removed container " + stackName + "-app-1",
                "cleanup: removed container " + stackName + "-init-1", "cleanup: removed network " + stackName + "_default",
                "cleanup: kept volume " + stackName + "_data (a named volume may already hold data");
        assertThat(ops.listContainers(StackLabels.STACK_ID, stackId)).isEmpty();
        assertThat(ops.listNetworks(StackLabels.STACK_ID, stackId)).isEmpty();
        assertThat(ops.listVolumes(StackLabels.STACK_ID, stackId)).extracting(InspectVolumeResponse::getName)
            .containsExactly(stackName + "_data");
        assertThat(store.versions().getOrThrow(stackId, v1).status().orElseThrow().actual()).isEqualTo(StackState.FAILED);
        assertThat(store.stacks().getOrThrow(stackId).currentVersion()).isEmpty();
        assertThat(inspector.status(stackId).actual()).isEqualTo(StackState.FAILED);

        // a later version's failure (without auto_rollback) leaves the stack as far as it got: nothing is removed
        String v2 = goodVersion("one");
        apply(v2);
        Map<String, String> running = containerIds();
        String v3 = version(definition("one", "http://127.0.0.1:9999/"));
        TestContext later = new TestContext();
        assertThatThrownBy(() -> run(CommandType.APPLY_STACK_VERSION, "{\"version\":\"" + v3 + "\"}", later))
            .isInstanceOf(CommandFailedException.class).hasMessageContaining("service 'web' failed").hasMessageNotContaining("cleanup");
        assertThat(later.text()).doesNotContain("cleanup");
        // web was recreated (its new container failed its health check and stays); app and init were kept
        assertThat(containerIds()).containsOnlyKeys("web", "init", "app").doesNotContainEntry("web", running.get("web"))
            .containsEntry("app", running.get("app")).containsEntry("init", running.get("init"));
        assertThat(inspect("web").getConfig().getLabels()).containsEntry(StackLabels.VERSION, v3);
        assertThat(store.stacks().getOrThrow(stackId).currentVersion()).contains(v2);
    }

    @Test
    void aContainerThatCannotStartNamesItsService() throws IOException {
        String v1 = version("services:\n  a:\n    image: " + TestImages.BUSYBOX + "\n    command: [\"sleep\", \"3600\"]\n"
            + "    ports: [\"127.0.0.1:" + port + ":80\"]\n");
        try (ServerSocket taken = new ServerSocket(port, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> apply(v1)).isInstanceOf(CommandFailedException.class)
                .hasMessageStartingWith("service 'a' failed: could not start: ");
        }
    }

    @Test
    void aCancelRequestStopsTheCommandBeforeItChangesAnything() {
        String v1 = goodVersion("one");
        TestContext ctx = new TestContext();
        ctx.cancel.set(true);
        assertThatThrownBy(() -> run(CommandType.APPLY_STACK_VERSION, "{\"version\":\"" + v1 + "\"}", ctx))
            .isInstanceOf(io.coremonitor.engine.CommandCancelledException.class);
        assertThat(ops.mutations).isEmpty();
        assertThat(store.stacks().getOrThrow(stackId).currentVersion()).isEmpty();
    }

    /** A service with a stored secret (owner and mode given), one from the environment, and an inline config. */
    private String withFiles(String configContent) {
        return version("""
            services:
              x:
                image: %s
                command: ["sleep", "3600"]
                secrets:
                  - {source: pw, target: db_password, uid: "1000", gid: "1001", mode: 0400}
                  - token
                configs:
                  - {source: site, target: /etc/site/site.conf}
            secrets:
              pw: {external: true, name: db-pw}
              token: {environment: SITE_TOKEN}
            configs:
              site: {content: "%s"}
            """.formatted(TestImages.BUSYBOX, configContent));
    }

    private String execOut(String service, String... command) {
        ExecResult r = ops.exec(containerIds().get(service), List.of(command), Duration.ofSeconds(10));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return r.stdout().strip();
    }

    @Test
    void secretsAndConfigsAreFilesInTheContainerWithTheirOwnerAndModeAndNoValueIsLogged() {
        secrets.create("db-pw", Optional.of(stackId), SecretValue.of(SECRET), "test");
        String v1 = withFiles("listen 8080;");
        TestContext ctx = apply(v1);
        assertThat(execOut("x", "cat", "/run/secrets/db_password")).isEqualTo(SECRET);
        assertThat(execOut("x", "stat", "-c", "%u %g %a", "/run/secrets/db_password")).isEqualTo("1000 1001 400");
        assertThat(execOut("x", "cat", "/run/secrets/token")).isEqualTo(ENV_TOKEN);
        assertThat(execOut("x", "stat", "-c", "%u %g %a", "/run/secrets/token")).isEqualTo("0 0 444");
        assertThat(execOut("x", "cat", "/etc/site/site.conf")).isEqualTo("listen 8080;");
        assertThat(ctx.text()).contains("wrote secret pw to /run/secrets/db_password, secret token to /run/secrets/token,"
            + " config site to /etc/site/site.conf into container").doesNotContain(SECRET).doesNotContain(ENV_TOKEN);
        assertThat(store.versions().getOrThrow(stackId, v1).compose()).doesNotContain(SECRET).doesNotContain(ENV_TOKEN);

        // the same definition keeps the container; new inline content recreates it with the new file
        String kept = containerIds().get("x");
        apply(withFiles("listen 8080;"));
        assertThat(containerIds().get("x")).isEqualTo(kept);
        apply(withFiles("listen 9090;"));
        assertThat(containerIds().get("x")).isNotEqualTo(kept);
        assertThat(execOut("x", "cat", "/etc/site/site.conf")).isEqualTo("listen 9090;");
    }

    @Test
    void aSecretThatCannotBeReadFailsTheCommandBeforeAnyChange() {
        String v1 = withFiles("x");
        assertThatThrownBy(() -> apply(v1)).isInstanceOf(CommandFailedException.class)
            .hasMessageContaining("service x: secret 'pw' cannot be read: no secret named 'db-pw' for stack " + stackId);
        assertThat(ops.mutations).isEmpty();

        store.stacks().create(stackId + "-other", stackName + "-other");
        secrets.create("db-pw", Optional.of(stackId + "-other"), SecretValue.of(SECRET), "test");
        assertThatThrownBy(() -> apply(v1)).isInstanceOf(CommandFailedException.class)
            .hasMessageContaining("no secret named 'db-pw' for stack " + stackId).hasMessageNotContaining(SECRET);
        assertThat(ops.mutations).isEmpty();
        assertThat(containerIds()).isEmpty();
    }

    @Test
    void aMissingImageFailsClearlyAndChangesNothing() {
        String v1 = version("services:\n  x:\n    image: coremonitor-test/absent:nope\n");
        assertThatThrownBy(() -> apply(v1)).isInstanceOf(CommandFailedException.class)
            .hasMessageContaining("image coremonitor-test/absent:nope not found locally and could not be pulled");
        assertThat(ops.mutations).containsExactly("pull coremonitor-test/absent:nope");
        assertThat(containerIds()).isEmpty();
    }

    @Test
    void runtimeActionsStopStartAndRestart() {
        String v1 = goodVersion("one");
        apply(v1);
        String appStarted = inspect("app").getState().getStartedAt();

        run(CommandType.RUNTIME_ACTION, "{\"action\":\"stop\",\"services\":[]}");
        assertThat(ops.listContainers(StackLabels.STACK_ID, stackId)).allSatisfy(c -> assertThat(c.getState()).isNotEqualTo("running"));
        assertThat(inspector.status(stackId).actual()).isEqualTo(StackState.STOPPED);

        TestContext start = run(CommandType.RUNTIME_ACTION, "{\"action\":\"start\"}");
        assertThat(inspect("web").getState().getRunning()).isTrue();
        assertThat(inspect("app").getState().getRunning()).isTrue();
        assertThat(start.text().indexOf("started web")).isLessThan(start.text().indexOf("started app"));

        String webStarted = inspect("web").getState().getStartedAt();
        run(CommandType.RUNTIME_ACTION, "{\"action\":\"restart\",\"services\":[\"app\"]}");
        assertThat(inspect("app").getState().getStartedAt()).isNotEqualTo(appStarted);
        assertThat(inspect("web").getState().getStartedAt()).isEqualTo(webStarted);

        run(CommandType.RUNTIME_ACTION, "{\"action\":\"stop\",\"services\":[\"app\"]}");
        assertThat(inspect("app").getState().getRunning()).isFalse();
        assertThat(inspect("web").getState().getRunning()).isTrue();
        assertThat(inspector.status(stackId).actual()).isEqualTo(StackState.DEGRADED);

        assertThatThrownBy(() -> run(CommandType.RUNTIME_ACTION, "{\"action\":\"stop\",\"services\":[\"nope\"]}"))
            .isInstanceOf(CommandFailedException.class).hasMessageContaining("unknown service(s)");
    }

    @Test
    void everyStopGivesTheServiceItsStopGracePeriod() {
        // on SIGTERM the process takes 12 s to end with 42: past the 10 s Docker's API client sends by default, it
        // would be killed (137); given its 30 s grace period, it ends by itself
        String v1 = version("services:\n  x:\n    image: " + TestImages.BUSYBOX + "\n"
            + "    command: [sh, -c, 'trap \"sleep 12; exit 42\" TERM; while true; do sleep 1; done']\n"
            + "    stop_grace_period: 30s\n");
        apply(v1);
        assertThat(inspect("x").getConfig().getLabels()).containsEntry(StackLabels.STOP_TIMEOUT, "30");
        run(CommandType.RUNTIME_ACTION, "{\"action\":\"stop\"}");
        assertThat(inspect("x").getState().getExitCodeLong()).isEqualTo(42L);
    }

    @Test
    void deleteLeavesNoContainerNorNetworkAndKeepsHistory() {
        String v1 = goodVersion("one");
        apply(v1);
        run(CommandType.DELETE_STACK, "{\"remove_volumes\":true}");

        assertThat(ops.listContainers(StackLabels.STACK_ID, stackId)).isEmpty();
        assertThat(ops.listNetworks(StackLabels.STACK_ID, stackId)).isEmpty();
        assertThat(ops.listVolumes(StackLabels.STACK_ID, stackId)).isEmpty();
        assertThat(store.stacks().getOrThrow(stackId).deleted()).isTrue();
        assertThat(store.versions().get(stackId, v1)).isPresent();
    }
}
