package io.coremonitor.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.coremonitor.engine.monitoring.PrometheusScrape;
import io.coremonitor.model.Command;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In-process tests of {@code GET /metrics} and {@code GET /api/v1/metrics}: the Prometheus text (checked by a strict
 * parser) with the engine's, the JVM's and the HTTP server's meters, and the scrape token.
 */
class MetricsRoutesTest {

    @TempDir
    Path dir;
    TestApi t;

    @AfterEach
    void stop() {
        t.close();
    }

    /** A client of the server's root (for {@code /metrics}), not of {@code /api/v1}. */
    private ApiClient root(Optional<String> token) {
        return new ApiClient("http://127.0.0.1:" + t.app.port(), token);
    }

    private static PrometheusScrape scrape(ApiClient.Answer answer) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).hasValueSatisfying(ct -> assertThat(ct)
                .startsWith("text/plain; version=0.0.4"));
        return PrometheusScrape.parse(answer.text());
    }

    @Test
    void bothPathsServeTheEngineJvmAndHttpMeters() throws InterruptedException {
        t = TestApi.start(dir);
        String id = t.client.post("/stacks", ApiClient.json(Map.of("name", "shop", "compose", ApiRoutesTest.WEB))).json()
                .path("stack_id").asText();
        assertThat(t.client.get("/stacks/" + id).status()).isEqualTo(200);
        // a real command, queued (the worker is not started: it stays PENDING)
        Command delete = t.engine.commands().delete(id, false, "tester");

        PrometheusScrape api = scrape(t.client.get("/metrics"));
        PrometheusScrape conventional = scrape(root(Optional.empty()).get("/metrics"));
        for (PrometheusScrape p : new PrometheusScrape[] {api, conventional}) {
            assertThat(p.value("coremonitor_queue_pending")).isEqualTo(1);
            assertThat(p.value("coremonitor_commands", Map.of("status", "PENDING"))).isEqualTo(1);
            assertThat(p.value("coremonitor_command_transitions_total", Map.of("type", "DELETE_STACK", "status", "PENDING")))
                    .isEqualTo(1);
            // JVM binders
            assertThat(p.types()).containsKeys("jvm_memory_used_bytes", "jvm_gc_memory_allocated_bytes_total",
                    "jvm_threads_live_threads", "jvm_classes_loaded_classes", "system_cpu_count", "process_uptime_seconds");
            assertThat(p.series("jvm_memory_used_bytes")).isNotEmpty();
            assertThat(p.value("jvm_threads_live_threads")).isPositive();
            // HTTP server (Javalin's Micrometer plugin, Jetty's TimedHandler): by route template, not by path
            assertThat(p.types()).containsEntry("jetty_server_requests_seconds", "summary");
            assertThat(p.series("jetty_server_requests_seconds_count")).anySatisfy((labels, n) -> {
                assertThat(labels).containsEntry("method", "GET").containsEntry("uri", "/api/v1/stacks/{id}")
                        .containsEntry("status", "200");
                assertThat(n).isGreaterThanOrEqualTo(1);
            });
            assertThat(p.series("jetty_server_requests_seconds_count")).anySatisfy((labels, n) ->
                    assertThat(labels).containsEntry("method", "POST").containsEntry("uri", "/api/v1/stacks")
                            .containsEntry("status", "201"));
        }
        // the first scrape is counted under its own route by the time of the second
        assertThat(conventional.series("jetty_server_requests_seconds_count")).anySatisfy((labels, n) ->
                assertThat(labels).containsEntry("uri", "/api/v1/metrics").containsEntry("status", "200"));

        assertThat(t.client.post("/commands/" + delete.commandId() + "/cancel", null).status()).isEqualTo(200);
        // counters move at once; the gauges read the store again once their shared reading expired (1 s)
        assertThat(scrape(t.client.get("/metrics")).value("coremonitor_command_transitions_total",
                Map.of("type", "DELETE_STACK", "status", "CANCELLED"))).isEqualTo(1);
        ApiRoutesTest.waitFor(() -> scrape(root(Optional.empty()).get("/metrics")),
                p -> p.value("coremonitor_queue_pending") == 0 && p.value("coremonitor_commands",
                        Map.of("status", "CANCELLED")) == 1);
    }

    @Test
    void aScrapeTokenOpensTheMetricsRoutesAloneAndTheMainTokenToo() {
        t = new TestApi(dir, Optional.of("main-s3cret"), Optional.of("scrape-s3cret"), Optional.empty());
        ApiClient.Answer refused = root(Optional.empty()).get("/metrics");
        ApiRoutesTest.assertProblem(refused, 401, null);
        ApiRoutesTest.assertProblem(t.as(Optional.empty()).get("/metrics"), 401, null);
        ApiRoutesTest.assertProblem(root(Optional.of("wrong")).get("/metrics"), 401, null);

        ApiClient scraper = t.as(Optional.of("scrape-s3cret"));
        scrape(scraper.get("/metrics"));
        scrape(root(Optional.of("scrape-s3cret")).get("/metrics"));
        // the scrape token opens nothing else
        ApiRoutesTest.assertProblem(scraper.get("/stacks"), 401, null);
        ApiRoutesTest.assertProblem(scraper.get("/queue"), 401, null);

        ApiClient admin = t.as(Optional.of("main-s3cret"));
        scrape(admin.get("/metrics"));
        scrape(root(Optional.of("main-s3cret")).get("/metrics"));
        assertThat(admin.get("/stacks").status()).isEqualTo(200);
    }

    @Test
    void aScrapeTokenAloneGuardsOnlyTheMetricsRoutes() {
        t = new TestApi(dir, Optional.empty(), Optional.of("scrape-s3cret"), Optional.empty());
        ApiRoutesTest.assertProblem(root(Optional.empty()).get("/metrics"), 401, null);
        ApiRoutesTest.assertProblem(t.as(Optional.empty()).get("/metrics"), 401, null);
        scrape(root(Optional.of("scrape-s3cret")).get("/metrics"));
        assertThat(t.as(Optional.empty()).get("/stacks").status()).isEqualTo(200);
    }

    @Test
    void withoutAScrapeTokenTheMetricsRoutesFollowTheServersAuth() {
        t = new TestApi(dir, Optional.of("main-s3cret"), Optional.empty(), Optional.empty());
        ApiRoutesTest.assertProblem(root(Optional.empty()).get("/metrics"), 401, null);
        ApiRoutesTest.assertProblem(t.as(Optional.empty()).get("/metrics"), 401, null);
        scrape(root(Optional.of("main-s3cret")).get("/metrics"));
        scrape(t.as(Optional.of("main-s3cret")).get("/metrics"));
        t.close();
        t = TestApi.start(dir);
        scrape(root(Optional.empty()).get("/metrics"));
        scrape(t.as(Optional.empty()).get("/metrics"));
    }
}
