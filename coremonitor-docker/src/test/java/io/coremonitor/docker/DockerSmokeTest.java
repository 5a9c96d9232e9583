package io.coremonitor.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import io.coremonitor.docker.testing.RequiresDocker;
import io.coremonitor.docker.testing.TestImages;
import io.coremonitor.docker.testing.TestLabels;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Talks to the real engine: the whole life of one busybox container. */
@RequiresDocker
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DockerSmokeTest {

    private static final Logger LOG = LoggerFactory.getLogger(DockerSmokeTest.class);
    private static final Duration LOG_WAIT = Duration.ofSeconds(15);

    private final DockerClient docker;
    private String containerId;

    DockerSmokeTest(DockerClient docker) {
        this.docker = docker;
    }

    @AfterEach
    void removeContainer() {
        if (containerId == null) {
            return;
        }
        try {
            docker.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
            LOG.info("cleaned up container {}", containerId);
        } catch (NotFoundException ignored) {
            // already gone
        }
    }

    @Test
    void createsStartsInspectsReadsLogsStopsAndRemovesAContainer() throws InterruptedException {
        String image = TestImages.requireBusybox(docker);
        String name = TestLabels.uniqueName("coremonitor-smoke");

        containerId = docker.createContainerCmd(image)
            .withName(name)
            .withLabels(TestLabels.TEST_LABELS)
            .withCmd("sh", "-c", "echo hello; sleep 30")
            .exec()
            .getId();
        docker.startContainerCmd(containerId).exec();

        InspectContainerResponse running = docker.inspectContainerCmd(containerId).exec();
        assertThat(running.getName()).isEqualTo("/" + name);
        assertThat(running.getState().getRunning()).isTrue();
        assertThat(running.getConfig().getLabels()).containsEntry(TestLabels.TEST_LABEL, "true");

        assertThat(awaitLog(containerId, "hello")).contains("hello");

        docker.stopContainerCmd(containerId).withTimeout(1).exec();
        assertThat(docker.inspectContainerCmd(containerId).exec().getState().getRunning()).isFalse();

        docker.removeContainerCmd(containerId).exec();
        String removed = containerId;
        assertThatThrownBy(() -> docker.inspectContainerCmd(removed).exec()).isInstanceOf(NotFoundException.class);
        List<Container> left = docker.listContainersCmd()
            .withShowAll(true)
            .withLabelFilter(TestLabels.TEST_LABELS)
            .exec();
        assertThat(left).extracting(Container::getId).doesNotContain(removed);
        containerId = null;
    }

    /** Reads the container's whole log until it contains {@code expected}; every read is awaited with a timeout. */
    private String awaitLog(String id, String expected) {
        return await("log of " + id + " containing '" + expected + "'").atMost(LOG_WAIT)
            .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200)).pollInSameThread()
            .until(() -> readLog(id), log -> log.contains(expected));
    }

    /** The container's whole log, read once; the read is awaited with a timeout. */
    private String readLog(String id) throws InterruptedException {
        StringBuilder out = new StringBuilder();
        ResultCallback.Adapter<Frame> callback = docker.logContainerCmd(id)
            .withStdOut(true)
            .withStdErr(true)
            .exec(new ResultCallback.Adapter<>() {
                @Override
                public void onNext(Frame frame) {
                    synchronized (out) {
                        out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                    }
                }
            });
        boolean completed = callback.awaitCompletion(LOG_WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(completed).as("log read of %s completed within %s", id, LOG_WAIT).isTrue();
        synchronized (out) {
            return out.toString();
        }
    }
}
