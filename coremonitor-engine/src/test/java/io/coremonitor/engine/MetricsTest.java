package io.coremonitor.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.coremonitor.engine.monitoring.Metrics;
import io.coremonitor.engine.monitoring.PrometheusScrape;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.CommandType;
import io.coremonitor.model.Stack;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's meters, scraped from a Prometheus registry (as the server does) and checked with a strict parser of the
 * text format, and read from an embedding application's own registry.
 */
class MetricsTest {

    @TempDir
    Path dir;

    private final MockClock clock = new MockClock();
    private final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT,
            new PrometheusRegistry(), clock);

    /** A scrape after the gauges' shared readings expired (the mock clock moved past their maximum age). */
    private PrometheusScrape scrape() {
        clock.add(Metrics.READING_MAX_AGE);
        return PrometheusScrape.parse(prometheus.scrape());
    }

    @Test
    void queueMetricsFollowRealCommands() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (CoreMonitor cm = EngineTests.engine(dir).meterRegistry(prometheus)
                .executor(new TestExecutor(CommandType.APPLY_STACK_VERSION, (c, ctx) -> {
                    started.countDown();
                    await(release);
                }))
                .executor(new TestExecutor(CommandType.DELETE_STACK, (c, ctx) -> {
                    throw new CommandFailedException("boom \"quoted\"");
                })).onFailure(FailurePolicy.CONTINUE).build()) {
            PrometheusScrape empty = scrape();
            assertThat(empty.types()).containsEntry("coremonitor_queue_pending", "gauge")
                    .containsEntry("coremonitor_queue_running", "gauge").containsEntry("coremonitor_queue_waiting", "gauge")
                    .containsEntry("coremonitor_docker_up", "gauge")
                    .containsEntry("coremonitor_monitor_events_total", "counter")
                    .containsEntry("coremonitor_stats_last_success_age_seconds", "gauge")
                    .containsEntry("coremonitor_stats_round_duration_seconds", "gauge");
            assertThat(empty.value("coremonitor_queue_pending")).isZero();
            assertThat(empty.value("coremonitor_queue_running")).isZero();
            assertThat(empty.value("coremonitor_commands", Map.of("status", "DONE"))).isZero();
            assertThat(empty.value("coremonitor_monitor_events_total", Map.of("type", "DRIFT_DETECTED"))).isZero();
            assertThat(empty.value("coremonitor_stats_last_success_age_seconds")).isNaN();
            assertThat(empty.value("coremonitor_stats_round_containers", Map.of("result", "ok"))).isZero();
            assertThat(empty.has("coremonitor_command_transitions_total")).isFalse();

            Stack stack = EngineTests.stack(cm, "metrics");
            Command a = cm.commands().apply(stack.stackId(), "v1", false, "tester");
            Stack other = EngineTests.stack(cm, "metrics-2");
            Command b = cm.commands().delete(other.stackId(), false, "tester");
            Command cancelled = cm.commands().apply(stack.stackId(), "v1", false, "tester");
            cm.commands().cancel(cancelled.commandId(), "tester");
            PrometheusScrape queued = scrape();
            assertThat(queued.value("coremonitor_queue_pending")).isEqualTo(2);
            assertThat(queued.value("coremonitor_commands", Map.of("status", "CANCELLED"))).isEqualTo(1);

            cm.startWorker();
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            PrometheusScrape running = scrape();
            assertThat(running.value("coremonitor_queue_running")).isEqualTo(1);
            assertThat(running.value("coremonitor_queue_pending")).isEqualTo(1);
            assertThat(running.value("coremonitor_commands", Map.of("status", "RUNNING"))).isEqualTo(1);
            release.countDown();
            EngineTests.awaitEnd(cm, a.commandId());
            EngineTests.awaitEnd(cm, b.commandId());
            cm.stopWorker();
            cm.commands().apply(stack.stackId(), "v1", false, "tester");

            PrometheusScrape p = scrape();
            assertThat(p.types()).containsEntry("coremonitor_command_transitions_total", "counter")
                    .containsEntry("coremonitor_command_duration_seconds", "histogram")
                    .containsEntry("coremonitor_apply_duration_seconds", "histogram");
            assertThat(p.value("coremonitor_queue_pending")).isEqualTo(1);
            assertThat(p.value("coremonitor_queue_running")).isZero();
            assertThat(p.value("coremonitor_queue_waiting")).isZero();
            assertThat(p.value("coremonitor_commands", Map.of("status", "PENDING"))).isEqualTo(1);
            assertThat(p.value("coremonitor_commands", Map.of("status", "DONE"))).isEqualTo(1);
            assertThat(p.value("coremonitor_commands", Map.of("status", "FAILED"))).isEqualTo(1);
            assertThat(p.value("coremonitor_commands", Map.of("status", "CANCELLED"))).isEqualTo(1);
            assertThat(p.value("coremonitor_command_transitions_total",
                    Map.of("type", "APPLY_STACK_VERSION", "status", "PENDING"))).isEqualTo(3);
            assertThat(p.value("coremonitor_command_transitions_total",
                    Map.of("type", "APPLY_STACK_VERSION", "status", "CANCELLED"))).isEqualTo(1);
            assertThat(p.value("coremonitor_command_transitions_total",
                    Map.of("type", "APPLY_STACK_VERSION", "status", "DONE"))).isEqualTo(1);
            assertThat(p.value("coremonitor_command_transitions_total",
                    Map.of("type", "DELETE_STACK", "status", "FAILED"))).isEqualTo(1);
            assertThat(p.value("coremonitor_command_duration_seconds_count",
                    Map.of("type", "DELETE_STACK", "status", "FAILED"))).isEqualTo(1);
            assertThat(p.value("coremonitor_command_duration_seconds_count",
                    Map.of("type", "APPLY_STACK_VERSION", "status", "DONE"))).isEqualTo(1);
            assertThat(p.series("coremonitor_command_duration_seconds_bucket"))
                    .containsKey(Map.of("type", "APPLY_STACK_VERSION", "status", "DONE", "le", "2.5"));
            assertThat(p.value("coremonitor_apply_duration_seconds_count", Map.of("status", "DONE"))).isEqualTo(1);
            assertThat(p.series("coremonitor_apply_duration_seconds_count")).hasSize(1);
            // no Docker configured
            assertThat(p.value("coremonitor_docker_up")).isZero();
            assertThat(p.types()).doesNotContainKey("coremonitor_containers")
                    .doesNotContainKey("coremonitor_docker_requests_seconds");
        }
    }

    @Test
    void oneReadingOfTheStoreServesAScrape() {
        try (CoreMonitor cm = EngineTests.engine(dir).meterRegistry(prometheus).build()) {
            Stack stack = EngineTests.stack(cm, "cached");
            assertThat(scrape().value("coremonitor_queue_pending")).isZero();
            cm.commands().apply(stack.stackId(), "v1", false, "tester");
            // within the reading's maximum age the gauges answer the same reading: no new count queries
            assertThat(PrometheusScrape.parse(prometheus.scrape()).value("coremonitor_queue_pending")).isZero();
            assertThat(scrape().value("coremonitor_queue_pending")).isEqualTo(1);
        }
    }

    @Test
    void anEmbeddingApplicationsRegistryReceivesTheEngineMeters() {
        SimpleMeterRegistry own = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
        CoreMonitor cm = EngineTests.engine(dir).meterRegistry(own)
                .executor(TestExecutor.ok(CommandType.APPLY_STACK_VERSION)).build();
        try (cm) {
            assertThat(cm.meterRegistry()).isSameAs(own);
            Stack stack = EngineTests.stack(cm, "embedded");
            Command apply = cm.commands().apply(stack.stackId(), "v1", false, "tester");
            clock.add(Metrics.READING_MAX_AGE);
            assertThat(own.get("coremonitor.queue.pending").gauge().value()).isEqualTo(1);
            cm.startWorker();
            assertThat(EngineTests.awaitEnd(cm, apply.commandId()).status()).isEqualTo(CommandStatus.DONE);
            cm.stopWorker(); // the worker thread tells the listeners after the store: they have heard the end now
            clock.add(Metrics.READING_MAX_AGE);
            assertThat(own.get("coremonitor.queue.pending").gauge().value()).isZero();
            assertThat(own.get("coremonitor.commands").tag("status", "DONE").gauge().value()).isEqualTo(1);
            assertThat(own.get("coremonitor.command.transitions").tags("type", "APPLY_STACK_VERSION", "status", "DONE")
                    .counter().count()).isEqualTo(1);
            assertThat(own.get("coremonitor.command.duration").tags("type", "APPLY_STACK_VERSION", "status", "DONE")
                    .timer().count()).isEqualTo(1);
            assertThat(own.get("coremonitor.apply.duration").tag("status", "DONE").timer().count()).isEqualTo(1);
        }
        // the gauges read the closed engine's store: they leave with it; the counters stay
        assertThat(own.find("coremonitor.queue.pending").gauge()).isNull();
        assertThat(own.find("coremonitor.commands").gauges()).isEmpty();
        assertThat(own.get("coremonitor.command.transitions").tags("type", "APPLY_STACK_VERSION", "status", "DONE")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void withoutARegistryTheEngineRecordsIntoOneOfItsOwn() {
        try (CoreMonitor cm = EngineTests.engine(dir).build()) {
            assertThat(cm.meterRegistry()).isInstanceOf(SimpleMeterRegistry.class);
            assertThat(cm.meterRegistry().get("coremonitor.queue.pending").gauge().value()).isZero();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
