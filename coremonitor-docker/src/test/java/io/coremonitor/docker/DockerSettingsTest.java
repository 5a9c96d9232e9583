package io.coremonitor.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DockerSettingsTest {

    @Test
    void defaultsToTheLocalSocketUnversionedWithoutResponseTimeout() {
        DockerSettings settings = DockerSettings.fromEnvironment(Map.of());

        assertThat(settings.host()).isEqualTo(URI.create("unix:///var/run/docker.sock"));
        assertThat(settings.apiVersion()).isEmpty();
        assertThat(settings.connectTimeout()).isEqualTo(DockerSettings.DEFAULT_CONNECT_TIMEOUT);
        assertThat(settings.responseTimeout()).isEmpty();
        assertThat(settings).isEqualTo(DockerSettings.defaults());
    }

    @Test
    void blankVariablesMeanDefaults() {
        DockerSettings settings = DockerSettings.fromEnvironment(Map.of("DOCKER_HOST", "  ", "DOCKER_API_VERSION", ""));

        assertThat(settings).isEqualTo(DockerSettings.defaults());
    }

    @Test
    void readsDockerHostAsUnixSocket() {
        DockerSettings settings = DockerSettings.fromEnvironment(Map.of("DOCKER_HOST", "unix:///tmp/other/docker.sock"));

        assertThat(settings.host()).isEqualTo(URI.create("unix:///tmp/other/docker.sock"));
    }

    @Test
    void readsDockerHostAsTcp() {
        DockerSettings settings = DockerSettings.fromEnvironment(Map.of("DOCKER_HOST", " tcp://127.0.0.1:2375 "));

        assertThat(settings.host()).isEqualTo(URI.create("tcp://127.0.0.1:2375"));
    }

    @Test
    void readsAndNormalizesTheApiVersion() {
        assertThat(DockerSettings.fromEnvironment(Map.of("DOCKER_API_VERSION", "1.41")).apiVersion()).contains("1.41");
        assertThat(DockerSettings.fromEnvironment(Map.of("DOCKER_API_VERSION", "v1.44")).apiVersion()).contains("1.44");
    }

    @Test
    void rejectsAnUnsupportedSchemeNamingTheVariable() {
        assertThatThrownBy(() -> DockerSettings.fromEnvironment(Map.of("DOCKER_HOST", "http://localhost:2375")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("DOCKER_HOST: ")
            .hasMessageContaining("unix://, tcp:// or npipe://");
    }

    @Test
    void rejectsAHostWithoutScheme() {
        assertThatThrownBy(() -> DockerSettings.parseHost("/var/run/docker.sock"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("unsupported Docker host '/var/run/docker.sock'");
    }

    @Test
    void rejectsAMalformedUri() {
        assertThatThrownBy(() -> DockerSettings.fromEnvironment(Map.of("DOCKER_HOST", "tcp://bad host:2375")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("DOCKER_HOST: not a valid Docker host URI");
    }

    @Test
    void rejectsATcpHostWithoutPort() {
        assertThatThrownBy(() -> DockerSettings.parseHost("tcp://127.0.0.1"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("needs a host and a port");
    }

    @Test
    void rejectsAUnixHostWithoutPath() {
        assertThatThrownBy(() -> DockerSettings.parseHost("unix://"))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsAMalformedApiVersionNamingTheVariable() {
        assertThatThrownBy(() -> DockerSettings.fromEnvironment(Map.of("DOCKER_API_VERSION", "latest")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("DOCKER_API_VERSION: not a Docker API version: 'latest'");
    }

    @Test
    void rejectsNonPositiveTimeouts() {
        DockerSettings settings = DockerSettings.defaults();

        assertThatThrownBy(() -> settings.withConnectTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings.withResponseTimeout(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withersChangeOneComponent() {
        DockerSettings settings = DockerSettings.defaults()
            .withApiVersion("1.41")
            .withConnectTimeout(Duration.ofSeconds(3))
            .withResponseTimeout(Duration.ofSeconds(30));

        assertThat(settings).isEqualTo(new DockerSettings(DockerSettings.DEFAULT_HOST, Optional.of("1.41"),
            Duration.ofSeconds(3), Optional.of(Duration.ofSeconds(30))));
        assertThat(settings.withApiVersion(null).apiVersion()).isEmpty();
        assertThat(settings.withResponseTimeout(null).responseTimeout()).isEmpty();
    }
}
