package io.coremonitor.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import io.coremonitor.docker.testing.RequiresDocker;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DockerHealthTest {

    @Test
    void anAbsentSocketIsReportedNotThrown() {
        URI nowhere = URI.create("unix:///tmp/coremonitor-no-such-docker.sock");

        DockerHealth health = DockerHealth.probe(DockerSettings.defaults().withHost(nowhere), Duration.ofSeconds(2));

        assertThat(health.reachable()).isFalse();
        assertThat(health.host()).isEqualTo(nowhere);
        assertThat(health.serverVersion()).isEmpty();
        assertThat(health.apiVersion()).isEmpty();
        assertThat(health.error()).isPresent().get().asString().isNotBlank();
        assertThat(health.summary()).startsWith("Docker not reachable at unix:///tmp/coremonitor-no-such-docker.sock: ");
    }

    @Test
    void aClosedTcpPortIsReportedNotThrown() {
        // Port 1 on loopback: nothing listens there, the connection is refused at once.
        DockerHealth health = DockerHealth.probe(DockerSettings.defaults().withHost(URI.create("tcp://127.0.0.1:1")),
            Duration.ofSeconds(2));

        assertThat(health.reachable()).isFalse();
        assertThat(health.error()).isPresent();
    }

    @Test
    @RequiresDocker
    void aRunningEngineReportsItsVersions(DockerClient docker, DockerSettings settings) {
        DockerHealth health = DockerHealth.check(docker, settings.host());

        assertThat(health.reachable()).as(health.summary()).isTrue();
        assertThat(health.serverVersion()).isPresent();
        assertThat(health.apiVersion()).get().asString().matches("\\d+\\.\\d+");
        assertThat(health.error()).isEmpty();
    }

    @Test
    @RequiresDocker
    void aClientPinnedToTheEnginesApiVersionWorks(DockerHealth health, DockerSettings settings) throws Exception {
        String api = health.apiVersion().orElseThrow();

        try (DockerClient pinned = DockerClients.create(settings.withApiVersion(api))) {
            DockerHealth again = DockerHealth.check(pinned, settings.host());
            assertThat(again.reachable()).as(again.summary()).isTrue();
            assertThat(again.apiVersion()).contains(api);
            assertThat(pinned.listContainersCmd().withShowAll(true).exec()).isNotNull();
        }
    }
}
