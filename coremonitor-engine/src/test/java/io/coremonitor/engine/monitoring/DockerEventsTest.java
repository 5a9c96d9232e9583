package io.coremonitor.engine.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.coremonitor.docker.DockerClients;
import io.coremonitor.docker.DockerSettings;
import io.coremonitor.docker.StackLabels;
import io.coremonitor.docker.testing.RequiresDocker;
import io.coremonitor.docker.testing.TestImages;
import io.coremonitor.docker.testing.TestLabels;
import io.coremonitor.docker.testing.UnixSocketRelay;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's one Docker event subscription on the real engine, reached through a relay whose connections can be
 * cut: what happens while the connection is down is delivered once it is back, exactly once, to every listener.
 */
@RequiresDocker
class DockerEventsTest {

    private final DockerClient docker;
    private final List<DockerContainerEvent> heard = new CopyOnWriteArrayList<>();
    private final List<DockerContainerEvent> heardToo = new CopyOnWriteArrayList<>();
    private final List<String> links = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private String stackId;
    private Path sockDir;

    DockerEventsTest(DockerClient docker) {
        this.docker = docker;
    }

    @BeforeEach
    void setUp() throws Exception {
        TestImages.requireBusybox(docker);
        stackId = TestLabels.uniqueName("events");
        // a short path: UNIX socket paths are limited to ~100 bytes
        sockDir = Files.createTempDirectory(Path.of("/tmp"), "cmev");
    }

    @AfterEach
    void tearDown() throws Exception {
        scheduler.shutdownNow();
        for (Container c : docker.listContainersCmd().withShowAll(true)
            .withLabelFilter(Map.of(StackLabels.STACK_ID, stackId)).exec()) {
            docker.removeContainerCmd(c.getId()).withForce(true).exec();
        }
        Files.deleteIfExists(sockDir.resolve("d.sock"));
        Files.deleteIfExists(sockDir);
    }

    @Test
    void eventsOfAGapInTheConnectionArriveOnceAfterTheReconnect() throws Exception {
        try (UnixSocketRelay relay = new UnixSocketRelay(sockDir.resolve("d.sock"), Path.of("/var/run/docker.sock"));
            DockerClient viaRelay = DockerClients.create(DockerSettings.defaults().withHost(URI.create(relay.dockerHost())));
            DockerEvents events = new DockerEvents(() -> viaRelay, scheduler)) {
            DockerEvents.Subscription first = events.subscribe(new DockerEvents.Listener() {
                @Override
                public void onEvent(DockerContainerEvent event) {
                    heard.add(event);
                }

                @Override
                public void onDisconnected(String reason) {
                    links.add("DISCONNECTED");
                }

                @Override
                public void onConnected() {
                    links.add("CONNECTED");
                }
            });
            DockerEvents.Subscription second = events.subscribe(heardToo::add);
            await("the stream is open", events::connected);

            String before = create("before");
            await("the create event", () -> count(heard, before, "create") == 1);

            relay.cut();
            await("the disconnect", () -> links.contains("DISCONNECTED"));
            assertThat(events.connected()).isFalse();
            String gap = create("gap");
            docker.startContainerCmd(gap).exec();
            relay.restore();

            await("the reconnect", () -> links.contains("CONNECTED"));
            await("the events of the gap", () -> count(heard, gap, "start") == 1 && count(heardToo, gap, "start") == 1);
            assertThat(count(heard, gap, "create")).isEqualTo(1);
            // reopened with since= the second of the last event: Docker sends that one again, it is not delivered again
            assertThat(count(heard, before, "create")).isEqualTo(1);
            assertThat(count(heardToo, before, "create")).isEqualTo(1);
            assertThat(links).containsExactly("DISCONNECTED", "CONNECTED");
            DockerContainerEvent started = heard.stream().filter(e -> e.containerId().equals(gap) && e.action().equals("start"))
                .findFirst().orElseThrow();
            assertThat(started.stackId()).contains(stackId);
            assertThat(started.service()).contains("gap");

            first.close();
            assertThat(events.connected()).isTrue();
            second.close();
            assertThat(events.connected()).isFalse();
            assertThat(events.listenerCount()).isZero();
        }
    }

    private String create(String service) {
        Map<String, String> labels = new HashMap<>(TestLabels.TEST_LABELS);
        labels.put(StackLabels.MANAGED, "true");
        labels.put(StackLabels.STACK_ID, stackId);
        labels.put(StackLabels.SERVICE, service);
        return docker.createContainerCmd(TestImages.BUSYBOX).withCmd("sleep", "60").withLabels(labels)
            .withName(stackId + "-" + service).exec().getId();
    }

    private static long count(List<DockerContainerEvent> events, String containerId, String action) {
        return events.stream().filter(e -> e.containerId().equals(containerId) && e.action().equals(action)).count();
    }

    private void await(String what, BooleanSupplier condition) {
        Awaitility.await(what).atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
            .pollInSameThread().untilAsserted(() -> assertThat(condition.getAsBoolean())
                .as("%s; heard %s, links %s", what, heard, links).isTrue());
    }
}
