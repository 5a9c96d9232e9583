package io.coremonitor.docker.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coremonitor.docker.DockerHealth;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class DockerExtensionTest {

    private static final URI DEAD = URI.create("unix:///tmp/nope.sock");

    @Test
    void aReachableEngineLetsTheTestRun() {
        DockerHealth up = DockerHealth.up(DEAD, "20.10.24", "1.41");

        assertThatCode(() -> DockerExtension.requireDocker(up, true, "simulated-test")).doesNotThrowAnyException();
        assertThatCode(() -> DockerExtension.requireDocker(up, false, "simulated-test")).doesNotThrowAnyException();
    }

    @Test
    void underCiAnUnreachableEngineFailsTheTest() {
        DockerHealth down = DockerHealth.down(DEAD, "connection refused");

        assertThatThrownBy(() -> DockerExtension.requireDocker(down, true, "simulated-test"))
            .isInstanceOf(AssertionFailedError.class)
            .hasMessageStartingWith("CI=true but Docker is not reachable at unix:///tmp/nope.sock: connection refused");
    }

    @Test
    void outsideCiAnUnreachableEngineSkipsTheTest() {
        DockerHealth down = DockerHealth.down(DEAD, "connection refused");

        assertThatThrownBy(() -> DockerExtension.requireDocker(down, false, "simulated-test"))
            .isInstanceOf(TestAbortedException.class)
            .hasMessageContaining("Docker is not reachable at unix:///tmp/nope.sock: connection refused");
    }

    @Test
    void ciIsTrueOrOne() {
        assertThat(DockerExtension.isCi(Map.of("CI", "true"))).isTrue();
        assertThat(DockerExtension.isCi(Map.of("CI", "TRUE"))).isTrue();
        assertThat(DockerExtension.isCi(Map.of("CI", "1"))).isTrue();
        assertThat(DockerExtension.isCi(Map.of("CI", "false"))).isFalse();
        assertThat(DockerExtension.isCi(Map.of())).isFalse();
    }
}
