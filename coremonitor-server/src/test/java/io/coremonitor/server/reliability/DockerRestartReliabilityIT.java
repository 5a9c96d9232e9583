package io.coremonitor.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.coremonitor.docker.testing.RequiresDocker;
import io.coremonitor.docker.testing.TestImages;
import io.coremonitor.server.internal.SseLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Docker daemon stop and restart while the server works ({@link OutageScenario}): the server talks to a
 * private {@code dockerd} ({@link PrivateDockerd}, never the shared engine) which the test stops with SIGTERM in the
 * middle of an APPLY and starts again. A daemon being stopped answers 500 for about a second before its socket
 * goes away, which the relay of {@link DockerOutageReliabilityIT} never does.
 */
@RequiresDocker
class DockerRestartReliabilityIT {

    @Test
    void theServerRidesOutARealDockerdRestart(@TempDir Path dir, DockerClient shared) throws Exception {
        PrivateDockerd.requireAvailable(getClass().getSimpleName());
        TestImages.requireBusybox(shared);
        List<String> stackIds = new ArrayList<>();
        long t0 = System.nanoTime();
        Path docker0 = Path.of("/sys/class/net/docker0");
        boolean sharedBridge = Files.exists(docker0);
        try (PrivateDockerd dockerd = new PrivateDockerd()) {
            RelServer server = null;
            try {
                dockerd.start();
                dockerd.loadImage(shared, TestImages.BUSYBOX);
                server = new RelServer("dockerd-restart", dir.resolve("cm.db"), List.of("--docker-host",
                        dockerd.dockerHost(), "--queue-on-failure", "continue")).start();
                // an /events client connected through the whole outage: the server must subscribe to Docker again
                SseLines events = new SseLines(server.api(), "/events");
                assertThat(events.status()).isEqualTo(200);
                OutageScenario.run("dockerd", server, new OutageScenario.Outage() {
                    @Override
                    public void begin() throws Exception {
                        long t = System.nanoTime();
                        dockerd.stop();
                        System.out.printf("DockerRestartReliabilityIT: private dockerd stopped in %d ms%n",
                                (System.nanoTime() - t) / 1_000_000);
                    }

                    @Override
                    public void end() throws Exception {
                        long t = System.nanoTime();
                        dockerd.start();
                        System.out.printf("DockerRestartReliabilityIT: private dockerd started again in %d ms;"
                                + " containers: %s%n", (System.nanoTime() - t) / 1_000_000, containers(dockerd));
                    }
                }, stackIds);
                eventsFollowTheRestartedDaemon(events, dockerd, stackIds.get(0));
                events.close();
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(e.getMessage()
                        + "\n--- server log ---\n" + (server == null ? "(not started)" : server.logTail())
                        + "\n--- private dockerd log (" + dockerd.logFile() + ") ---\n" + dockerd.logTail(), e);
            } finally {
                if (server != null) {
                    server.close();
                }
                cleanUp(dockerd, stackIds);
            }
        } finally {
            System.out.printf("DockerRestartReliabilityIT: took %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        }
        // the private daemon must leave the shared engine's default bridge alone (see PrivateDockerd: its own netns)
        assertThat(Files.exists(docker0)).as("the shared engine's docker0 after the test").isEqualTo(sharedBridge);
    }

    /**
     * After the restart, the server is subscribed to the daemon's events again: the {@code /events} client connected
     * before the outage heard the daemon go ({@code docker} DISCONNECTED) and come back ({@code docker} CONNECTED),
     * and a container killed behind Core Monitor's back now arrives as a {@code container} event and a {@code drift}
     * event (both from the engine's one Docker event subscription).
     */
    private static void eventsFollowTheRestartedDaemon(SseLines events, PrivateDockerd dockerd, String stackId)
            throws InterruptedException {
        Container victim = dockerd.client().listContainersCmd()
                .withLabelFilter(List.of("coremonitor.stack_id=" + stackId)).exec().get(0);
        dockerd.client().killContainerCmd(victim.getId()).exec();
        // the events of the whole scenario come first (its commands made many), then the kill's
        List<String> seen = new ArrayList<>();
        boolean disconnected = false;
        boolean reconnected = false;
        boolean heard = false;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            SseLines.Event e = events.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            assertThat(e).as("the /events stream ended; events: %s", seen).isNotNull();
            seen.add(e.name() + " " + e.data());
            disconnected |= e.name().equals("docker") && e.data().path("status").asText().equals("DISCONNECTED");
            reconnected |= disconnected && e.name().equals("docker") && e.data().path("status").asText().equals("CONNECTED");
            heard |= e.name().equals("container") && victim.getId().equals(e.data().path("container_id").asText());
            if (heard && e.name().equals("drift") && stackId.equals(e.data().path("stack_id").asText())) {
                break;
            }
        }
        assertThat(disconnected).as("a 'docker' DISCONNECTED event while the daemon was down; events: %s", seen).isTrue();
        assertThat(reconnected).as("a 'docker' CONNECTED event after it; events: %s", seen).isTrue();
    }

    /**
     * Removes the stacks' containers and networks on the private daemon when it runs (when the test left it down,
     * its network namespace is gone already and {@link PrivateDockerd#close()} deletes its data).
     */
    private static void cleanUp(PrivateDockerd dockerd, List<String> stackIds) {
        try {
            if (dockerd.running()) {
                Cleanup.stacks(dockerd.client(), stackIds);
            }
        } catch (Exception e) {
            System.err.println("DockerRestartReliabilityIT: cleanup on the private dockerd failed: " + e);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static List<String> containers(PrivateDockerd dockerd) {
        List<String> out = new ArrayList<>();
        dockerd.client().listContainersCmd().withShowAll(true).exec()
                .forEach(c -> out.add(String.join(",", c.getNames()) + " " + c.getState() + " (" + c.getStatus() + ")"));
        return out;
    }
}
