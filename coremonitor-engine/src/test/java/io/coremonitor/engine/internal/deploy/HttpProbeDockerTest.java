package io.coremonitor.engine.internal.deploy;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import io.coremonitor.docker.DockerOps;
import io.coremonitor.docker.testing.RequiresDocker;
import io.coremonitor.docker.testing.TestImages;
import io.coremonitor.docker.testing.TestLabels;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What the probe says when nothing answers (an answer is checked by the targets' tests). */
@RequiresDocker
class HttpProbeDockerTest {

    private final DockerClient docker;
    private final HttpProbe probe;

    HttpProbeDockerTest(DockerClient docker) {
        this.docker = docker;
        this.probe = new HttpProbe(DockerOps.of(docker));
    }

    private String start(String image) {
        String id = docker.createContainerCmd(image).withName(TestLabels.uniqueName("probe")).withLabels(TestLabels.TEST_LABELS)
            .withCmd("sleep", "300").exec().getId();
        docker.startContainerCmd(id).exec();
        return id;
    }

    @Test
    void aPortNobodyListensOnIsConnectionRefused() {
        String id = start(TestImages.requireDebian(docker));
        try {
            assertThatThrownBy(() -> probe.get(id, 8080, "/", Duration.ofSeconds(2)))
                .isInstanceOf(ProbeFailedException.class).hasMessageContaining("cannot connect").hasMessageContaining("refused");
        } finally {
            DockerOps.of(docker).removeContainer(id);
        }
    }

    @Test
    void anImageWithoutBashSaysSo() {
        String id = start(TestImages.requireBusybox(docker));
        try {
            assertThatThrownBy(() -> probe.get(id, 80, "/", Duration.ofSeconds(2)))
                .isInstanceOf(ProbeFailedException.class).hasMessageContaining("cannot run bash");
        } finally {
            DockerOps.of(docker).removeContainer(id);
        }
    }
}
