package io.coremonitor.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import io.coremonitor.docker.testing.RequiresDocker;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DockerFailuresTest {

    @Test
    void anAbsentSocketIsAConnectionFailure() throws IOException {
        DockerSettings nowhere = DockerSettings.defaults().withHost(URI.create("unix:///tmp/coremonitor-no-such-docker.sock"))
            .withConnectTimeout(Duration.ofSeconds(2)).withResponseTimeout(Duration.ofSeconds(2));
        try (DockerClient client = DockerClients.create(nowhere)) {
            Throwable failure = catchThrowable(() -> DockerOps.of(client).ping());

            assertThat(failure).isNotNull();
            assertThat(DockerFailures.isConnectionFailure(failure)).as(DockerFailures.describe(failure)).isTrue();
        }
    }

    @Test
    void aRefusedTcpConnectionIsAConnectionFailure() throws IOException {
        DockerSettings refused = DockerSettings.defaults().withHost(URI.create("tcp://127.0.0.1:1"))
            .withConnectTimeout(Duration.ofSeconds(2)).withResponseTimeout(Duration.ofSeconds(2));
        try (DockerClient client = DockerClients.create(refused)) {
            Throwable failure = catchThrowable(() -> client.listContainersCmd().exec());

            assertThat(DockerFailures.isConnectionFailure(failure)).as(DockerFailures.describe(failure)).isTrue();
        }
    }

    @Test
    void theTransportWrapperOfABrokenPipeIsAConnectionFailure() {
        // what docker-java's httpclient5 transport throws when the daemon goes away mid-request
        RuntimeException wrapped = new RuntimeException(new IOException("Broken pipe"));

        assertThat(DockerFailures.isConnectionFailure(wrapped)).isTrue();
        assertThat(DockerFailures.describe(wrapped)).contains("IOException: Broken pipe");
    }

    @Test
    void aServerErrorIsToldFromAClientError() {
        RuntimeException wrapped = new IllegalStateException("could not start", new InternalServerErrorException("store"));

        assertThat(DockerFailures.isServerError(wrapped)).isTrue();
        assertThat(DockerFailures.isServerError(new NotFoundException("No such container: x"))).isFalse();
        assertThat(DockerFailures.isConnectionFailure(wrapped)).isFalse();
    }

    @Test
    void anErrorAnswerIsNotAConnectionFailure() {
        assertThat(DockerFailures.isConnectionFailure(new NotFoundException("No such container: x"))).isFalse();
        assertThat(DockerFailures.isConnectionFailure(new IllegalStateException("bad"))).isFalse();
    }

    @Test
    @RequiresDocker
    void anAnsweringEngineAnswersItsPing(DockerClient docker) {
        DockerOps.of(docker).ping();

        Throwable missing = catchThrowable(() -> docker.inspectContainerCmd("coremonitor-no-such-container").exec());
        assertThat(missing).isInstanceOf(NotFoundException.class);
        assertThat(DockerFailures.isConnectionFailure(missing)).isFalse();
    }
}
