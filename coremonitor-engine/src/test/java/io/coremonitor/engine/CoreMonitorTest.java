package io.coremonitor.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coremonitor.docker.DockerSettings;
import io.coremonitor.model.CommandType;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facade: builder, settings, Docker made lazily, closing. */
class CoreMonitorTest {

    @TempDir
    Path dir;

    @Test
    void aDatabaseIsRequired() {
        assertThatThrownBy(() -> CoreMonitor.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("database");
    }

    @Test
    void worksWithoutDockerAndSaysSo() {
        try (CoreMonitor cm = EngineTests.engine(dir).build()) {
            assertThat(cm.dockerConfigured()).isFalse();
            assertThatThrownBy(cm::docker).isInstanceOf(DockerNotConfiguredException.class)
                    .hasMessageContaining("Docker is not configured");
            QueueState state = cm.status();
            assertThat(state.running()).isEmpty();
            assertThat(state.pending()).isZero();
            assertThat(state.halted()).isFalse();
            assertThat(state.onFailure()).isEqualTo(FailurePolicy.HALT);
            assertThat(state.onCrash()).isEqualTo(CrashPolicy.RETRY);
            assertThat(state.maxAttempts()).isEqualTo(3);
            assertThat(state.workerRunning()).isFalse();
        }
    }

    @Test
    void theDockerClientIsMadeOnFirstUseWithoutContactingDocker() {
        DockerSettings nowhere = DockerSettings.defaults().withHost(URI.create("unix:///tmp/coremonitor-nope.sock"));
        try (CoreMonitor cm = EngineTests.engine(dir).docker(nowhere).build()) {
            assertThat(cm.dockerConfigured()).isTrue();
            assertThat(cm.docker()).isSameAs(cm.docker());
        }
    }

    @Test
    void settingsExecutorsAndClosing() {
        CoreMonitor cm = EngineTests.engine(dir).onFailure(FailurePolicy.CONTINUE).onCrash(CrashPolicy.FAIL)
                .maxAttempts(5).leaseTtl(Duration.ofSeconds(9)).workerId("engine-x")
                .executor(TestExecutor.ok(CommandType.RUNTIME_ACTION)).build();
        assertThat(cm.settings().onFailure()).isEqualTo(FailurePolicy.CONTINUE);
        assertThat(cm.settings().onCrash()).isEqualTo(CrashPolicy.FAIL);
        assertThat(cm.settings().maxAttempts()).isEqualTo(5);
        assertThat(cm.settings().leaseRenewal()).isEqualTo(Duration.ofSeconds(3));
        assertThat(cm.workerId()).isEqualTo("engine-x");
        assertThat(cm.executorTypes()).containsExactly(CommandType.RUNTIME_ACTION);
        cm.startWorker();
        cm.startWorker();
        EngineTests.await("lease", () -> cm.status().leaseOwner().isPresent());
        assertThat(cm.status().leaseOwner()).contains("engine-x");

        cm.close();
        cm.close();

        assertThatThrownBy(cm::startWorker).isInstanceOf(IllegalStateException.class);
        assertThat(cm.store().ping()).isFalse();
    }

    @Test
    void invalidSettingsAreRefused() {
        assertThatThrownBy(() -> QueueSettings.defaults().withMaxAttempts(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QueueSettings.defaults().withPollInterval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
