package io.coremonitor.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coremonitor.store.ContainerStats;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In-process tests of the monitoring routes: stats history and its bad input (/metrics: MetricsRoutesTest). */
class MonitoringRoutesTest {

    @TempDir
    Path dir;
    TestApi t;
    ApiClient c;

    @BeforeEach
    void start() {
        t = TestApi.start(dir);
        c = t.client;
    }

    @AfterEach
    void stop() {
        t.close();
    }

    @Test
    void statsHistoryByTimeRangeAndService() {
        String id = c.post("/stacks", ApiClient.json(Map.of("name", "shop", "compose", ApiRoutesTest.WEB))).json()
                .path("stack_id").asText();
        Instant t0 = Instant.parse("2026-11-24T03:00:00Z");
        List<ContainerStats> samples = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            samples.add(new ContainerStats(id, "web", "c1", t0.plusSeconds(15L * i), 10.0 + i, 1000 + i, 4096, i, i, 0, 0));
            samples.add(new ContainerStats(id, "db", "c2", t0.plusSeconds(15L * i), 1.0, 2000, 4096, 0, 0, i, i));
        }
        t.engine.store().stats().append(samples);

        String range = "from=" + t0 + "&to=" + t0.plus(Duration.ofMinutes(10));
        ApiClient.Answer all = c.get("/stacks/" + id + "/stats?" + range);
        assertThat(all.status()).as(all.text()).isEqualTo(200);
        assertThat(all.json().path("items")).hasSize(20);

        JsonNode web = c.get("/stacks/" + id + "/stats?" + range + "&service=web").json().path("items");
        assertThat(web).hasSize(10);
        assertThat(web.get(0).path("service").asText()).isEqualTo("web");
        assertThat(web.get(0).path("cpu_percent").asDouble()).isEqualTo(10.0);
        assertThat(web.get(0).path("sampled_at").asText()).isEqualTo("2026-11-24T03:00:00Z");
        assertThat(web.get(9).path("mem_usage").asLong()).isEqualTo(1009);

        JsonNode coarse = c.get("/stacks/" + id + "/stats?" + range + "&service=web&max_points=2").json().path("items");
        assertThat(coarse.size()).isBetween(1, 2);

        JsonNode none = c.get("/stacks/" + id + "/stats?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z").json();
        assertThat(none.path("items")).isEmpty();
    }

    @Test
    void statsRefusesBadInput() {
        String id = c.post("/stacks", ApiClient.json(Map.of("name", "shop", "compose", ApiRoutesTest.WEB))).json()
                .path("stack_id").asText();
        ApiRoutesTest.assertProblem(c.get("/stacks/" + id + "/stats?from=yesterday"), 400, "from");
        ApiRoutesTest.assertProblem(c.get("/stacks/" + id + "/stats?from=2026-11-24T03:00:00Z&to=2026-11-24T02:00:00Z"), 400,
                "from");
        ApiRoutesTest.assertProblem(c.get("/stacks/" + id + "/stats?max_points=0"), 400, "max_points");
        ApiRoutesTest.assertProblem(c.get("/stacks/nope/stats"), 404, null);
    }
}
