package io.coremonitor.docker.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

@RequiresDocker
class TestImagesTest {

    @Test
    void theBusyboxImageIsThere(DockerClient docker) {
        assertThat(TestImages.requireBusybox(docker)).isEqualTo("coremonitor-test/busybox:latest");
    }

    @Test
    void aMissingImageFailsNamingTheScript(DockerClient docker) {
        assertThatThrownBy(() -> TestImages.require(docker, "coremonitor-test/no-such-image:latest", "scripts/test-images.sh"))
            .isInstanceOf(AssertionFailedError.class)
            .hasMessage("Test image coremonitor-test/no-such-image:latest is missing from the Docker engine: run scripts/test-images.sh");
    }
}
