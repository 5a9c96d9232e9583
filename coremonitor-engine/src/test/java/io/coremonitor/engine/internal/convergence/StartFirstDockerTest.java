package io.coremonitor.engine.internal.convergence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.coremonitor.docker.DockerOps;
import io.coremonitor.docker.StackLabels;
import io.coremonitor.docker.testing.RequiresDocker;
import io.coremonitor.docker.testing.StackCleanup;
import io.coremonitor.docker.testing.TestImages;
import io.coremonitor.docker.testing.TestLabels;
import io.coremonitor.engine.CommandExecutor;
import io.coremonitor.engine.CommandFailedException;
import io.coremonitor.model.CanonicalJson;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.CommandType;
import io.coremonitor.model.ComposeLoader;
import io.coremonitor.store.NewVersion;
import io.coremonitor.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code deploy.update_config.order}: a client container requests the service by its name on the stack network
 * every 100 ms while the service is replaced; with start-first no request finds the service missing (at most the one in
 * flight at the switch is cut), stop-first shows the gap.
 */
@RequiresDocker
class StartFirstDockerTest {

    private static final Logger LOG = LoggerFactory.getLogger(StartFirstDockerTest.class);
    private static final AtomicLong COMMAND_IDS = new AtomicLong(7000);

    @TempDir
    Path dir;

    private final DockerClient docker;
    private Store store;
    private CountingOps ops;
    private Map<CommandType, CommandExecutor> executors;
    private String stackId;
    private String stackName;

    StartFirstDockerTest(DockerClient docker) {
        this.docker = docker;
    }

    @BeforeEach
    void setUp() {
        TestImages.requireBusybox(docker);
        store = Store.openSqlite(dir.resolve("cm.db"));
        ops = new CountingOps(DockerOps.of(docker));
        executors = TestExecutors.byType(store, ops, FileContents.withoutSecretStore());
        stackName = TestLabels.uniqueName("upd");
        stackId = stackName + "-id";
        store.stacks().create(stackId, stackName);
    }

    @AfterEach
    void cleanUp() {
        StackCleanup.remove(docker, stackId);
        store.close();
    }

    /** web serves its mode; its health check asks {@code healthPort}; client asks web by name every 100 ms. */
    private String version(String order, String mode, int healthPort) {
        String yaml = """
            services:
              web:
                image: %1$s
                command: ["sh", "-c", "mkdir -p /www && echo %3$s > /www/index.html && exec httpd -f -p 8080 -h /www"]
                stop_signal: SIGKILL
                healthcheck:
                  test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:%4$d/"]
                  interval: 1s
                  timeout: 2s
                  retries: 3
                deploy:
                  update_config:
                    order: %2$s
              client:
                image: %1$s
                stop_signal: SIGKILL
                command:
                  - sh
                  - -c
                  - >-
                    while true; do if r=$$(timeout 3 wget -q -O - http://web:8080/ 2>&1);
                    then echo "ok $$r"; else echo "FAIL $$r"; fi; sleep 0.1; done
            """.formatted(TestImages.BUSYBOX, order, mode, healthPort);
        String canonical = CanonicalJson.toJson(ComposeLoader.load(yaml, Map.of()));
        return store.versions().create(NewVersion.of(stackId, "test", null, canonical)).version();
    }

    private TestContext apply(String version) {
        TestContext ctx = new TestContext();
        Command command = new Command(COMMAND_IDS.incrementAndGet(), stackId, CommandType.APPLY_STACK_VERSION,
            "{\"version\":\"" + version + "\"}", CommandStatus.RUNNING, 1, Instant.now(), Optional.of(Instant.now()),
            Optional.empty(), "test", Optional.empty());
        executors.get(CommandType.APPLY_STACK_VERSION).execute(command, ctx);
        return ctx;
    }

    private List<Container> containers() {
        return ops.listContainers(StackLabels.STACK_ID, stackId);
    }

    private String id(String service) {
        return containers().stream().filter(c -> service.equals(c.getLabels().get(StackLabels.SERVICE))).map(Container::getId)
            .findFirst().orElseThrow();
    }

    /** The client's answers since {@code since}, once it has answered at least {@code min} times. */
    private List<String> answersSince(Instant since, int min) {
        String client = id("client");
        return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
            .until(() -> ops.logsSince(client, since, Duration.ofSeconds(5)), l -> l.size() >= min);
    }

    /** Applies v1, waits until the client is served by it, then applies {@code next}; the client's answers meanwhile. */
    private List<String> answersDuring(String v1, String next, TestContext[] log) {
        apply(v1);
        Instant warm = Instant.now();
        assertThat(answersSince(warm, 5)).last().asString().startsWith("ok one");
        Instant before = Instant.now();
        log[0] = apply(next);
        Instant after = Instant.now();
        // one more second of answers after the command ended
        return answersSince(before, (int) (Duration.between(before, after).toMillis() / 150) + 8);
    }

    @Test
    void startFirstReplacesTheServiceWithoutAGapAndKeepsTheOldOneWhenTheNewOneFails() {
        String v1 = version("start-first", "one", 8080);
        String v2 = version("start-first", "two", 8080);
        TestContext[] log = new TestContext[1];
        List<String> answers = answersDuring(v1, v2, log);
        long failed = answers.stream().filter(l -> l.startsWith("FAIL")).count();
        LOG.info("start-first update: {} requests, {} failed", answers.size(), failed);
        // no request finds the service missing or not listening yet; the one request the client may have in flight to
        // the old container at the instant it is disconnected is cut (Docker removes its name and interface together)
        assertThat(answers).as("the client's answers during a start-first update")
            .noneMatch(l -> l.startsWith("FAIL") && (l.contains("refused") || l.contains("bad address")))
            .anyMatch(l -> l.equals("ok one")).last().isEqualTo("ok two");
        assertThat(failed).as("requests cut at the switch (the client has one in flight at most)").isLessThanOrEqualTo(1);
        assertThat(log[0].text()).contains("created container " + stackName + "-web-1-next for web (recreate start-first, beside "
            + stackName + "-web-1", "start-first: web's new container is verified; removed the old container " + stackName
            + "-web-1", "renamed " + stackName + "-web-1-next to " + stackName + "-web-1",
            "start-first: web's new container joined " + stackName + "_default again with its aliases web");
        // one web container, under its canonical name, healthy, made by v2
        List<Container> webs = containers().stream().filter(c -> "web".equals(c.getLabels().get(StackLabels.SERVICE))).toList();
        assertThat(webs).singleElement().satisfies(c -> {
            assertThat(Planner.name(c)).isEqualTo(stackName + "-web-1");
            assertThat(c.getLabels()).containsEntry(StackLabels.VERSION, v2);
        });
        String v2Web = webs.get(0).getId();
        assertThat(store.versions().getOrThrow(stackId, v2).runtime().orElseThrow().containers()).containsEntry("web", v2Web);

        // a new version whose container never becomes healthy: the command fails, the v2 container never stopped serving
        String bad = version("start-first", "three", 9999);
        Instant before = Instant.now();
        TestContext failing = new TestContext();
        assertThatThrownBy(() -> executors.get(CommandType.APPLY_STACK_VERSION).execute(new Command(COMMAND_IDS.incrementAndGet(),
            stackId, CommandType.APPLY_STACK_VERSION, "{\"version\":\"" + bad + "\"}", CommandStatus.RUNNING, 1, Instant.now(),
            Optional.of(Instant.now()), Optional.empty(), "test", Optional.empty()), failing))
            .isInstanceOf(CommandFailedException.class).hasMessageContaining("service 'web' failed");
        assertThat(failing.text()).contains("start-first: removed the new container " + stackName + "-web-1-next of web; the old"
            + " container " + stackName + "-web-1 keeps running");
        assertThat(containers().stream().filter(c -> "web".equals(c.getLabels().get(StackLabels.SERVICE))).map(Container::getId))
            .containsExactly(v2Web);
        List<String> meanwhile = answersSince(before, 10);
        assertThat(meanwhile).noneMatch(l -> l.startsWith("FAIL")).allMatch(l -> l.equals("ok two"));
        assertThat(store.stacks().getOrThrow(stackId).currentVersion()).contains(v2);
    }

    @Test
    void stopFirstLeavesAGapTheClientSees() {
        String v1 = version("stop-first", "one", 8080);
        String v2 = version("stop-first", "two", 8080);
        TestContext[] log = new TestContext[1];
        List<String> answers = answersDuring(v1, v2, log);
        long failed = answers.stream().filter(l -> l.startsWith("FAIL")).count();
        LOG.info("stop-first update: {} requests, {} failed", answers.size(), failed);
        // how many requests fall into the gap depends on the machine's speed (one on a quiet machine): that there is one
        // is what tells stop-first from start-first
        assertThat(failed).as("failed requests while the service is stopped, recreated and started").isGreaterThanOrEqualTo(1);
        assertThat(answers).last().isEqualTo("ok two");
        assertThat(log[0].text()).contains("removed container " + stackName + "-web-1 of web to recreate it")
            .doesNotContain("start-first");
    }
}
