package io.coremonitor.engine.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.coremonitor.docker.DockerSettings;
import io.coremonitor.docker.StackLabels;
import io.coremonitor.docker.testing.TestImages;
import io.coremonitor.docker.testing.TestLabels;
import io.coremonitor.docker.testing.RequiresDocker;
import io.coremonitor.engine.CoreMonitor;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Docker meters on the real engine: every API call timed by path template and outcome, containers by state. */
@RequiresDocker
class DockerMetricsTest {

    @TempDir
    Path dir;

    private final MockClock clock = new MockClock();
    private final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT,
            new PrometheusRegistry(), clock);

    private CoreMonitor engine(DockerSettings docker) {
        return CoreMonitor.builder().sqlite(dir.resolve("cm.db")).docker(docker).meterRegistry(prometheus).build();
    }

    private PrometheusScrape scrape() {
        clock.add(Metrics.READING_MAX_AGE);
        return PrometheusScrape.parse(prometheus.scrape());
    }

    @Test
    void dockerCallsAreTimedByPathTemplateAndOutcome(DockerSettings settings, DockerClient shared) {
        String image = TestImages.requireBusybox(shared);
        String name = TestLabels.uniqueName("metrics");
        Map<String, String> labels = new HashMap<>(TestLabels.TEST_LABELS);
        labels.put(StackLabels.MANAGED, "true");
        labels.put(StackLabels.STACK_ID, name);
        String id = shared.createContainerCmd(image).withName(name).withLabels(labels).withCmd("sleep", "300").exec().getId();
        try (CoreMonitor cm = engine(settings)) {
            shared.startContainerCmd(id).exec();
            cm.docker().pingCmd().exec();
            assertThatThrownBy(() -> cm.docker().inspectContainerCmd(name + "-missing").exec())
                    .isInstanceOf(NotFoundException.class);

            PrometheusScrape p = scrape();
            assertThat(p.types()).containsEntry("coremonitor_docker_requests_seconds", "summary");
            assertThat(p.value("coremonitor_docker_requests_seconds_count",
                    Map.of("method", "GET", "path", "/_ping", "outcome", "SUCCESS"))).isEqualTo(1);
            assertThat(p.value("coremonitor_docker_requests_seconds_count",
                    Map.of("method", "GET", "path", "/containers/{id}/json", "outcome", "CLIENT_ERROR"))).isEqualTo(1);
            assertThat(p.value("coremonitor_docker_up")).isEqualTo(1);
            assertThat(p.series("coremonitor_containers")).hasSize(Metrics.CONTAINER_STATES.size()
                    * Metrics.CONTAINER_HEALTH.size());
            // other tests may run managed containers on the shared engine meanwhile: at least ours
            assertThat(p.value("coremonitor_containers", Map.of("state", "running", "health", "none")))
                    .isGreaterThanOrEqualTo(1);
            assertThat(p.value("coremonitor_stacks_with_containers")).isGreaterThanOrEqualTo(1);
            // the list call the container gauges made is timed as well (seen from the next scrape on)
            assertThat(scrape().value("coremonitor_docker_requests_seconds_count",
                    Map.of("method", "GET", "path", "/containers/json", "outcome", "SUCCESS"))).isGreaterThanOrEqualTo(1);
        } finally {
            shared.removeContainerCmd(id).withForce(true).exec();
        }
    }

    @Test
    void anUnreachableEngineCountsAsIoErrorsAndDockerDown() {
        DockerSettings nowhere = DockerSettings.defaults().withHost(URI.create("unix://" + dir.resolve("no-docker.sock")));
        try (CoreMonitor cm = engine(nowhere)) {
            assertThatThrownBy(() -> cm.docker().pingCmd().exec()).isInstanceOf(RuntimeException.class);
            PrometheusScrape p = scrape();
            assertThat(p.value("coremonitor_docker_requests_seconds_count",
                    Map.of("method", "GET", "path", "/_ping", "outcome", "IO_ERROR"))).isEqualTo(1);
            assertThat(p.value("coremonitor_docker_up")).isZero();
            assertThat(p.value("coremonitor_containers", Map.of("state", "running", "health", "none"))).isNaN();
        }
    }
}
