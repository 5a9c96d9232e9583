package io.coremonitor.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coremonitor.server.internal.ApiClient;
import io.coremonitor.store.testing.Tmpfs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The server's SQLite file on a small tmpfs that fills up: writes answer a 507 problem naming the full disk (never a
 * 500), reads keep working, {@code /health} says the database is DEGRADED with the cause, and once space is freed the
 * next write succeeds on the same server and every version created before is there.
 */
class SqliteFullDiskReliabilityIT {

    private static final int ATTEMPTS = 2_000;

    @Test
    void aFullDiskAnswers507AndWritesRecoverOnceSpaceIsFreed() throws Exception {
        try (Tmpfs fs = Tmpfs.mount("6m")) {
            RelServer server = new RelServer("full-disk", fs.dir().resolve("cm.db"), List.of()).start();
            ApiClient api = server.api();
            try {
                assertDatabase(api, "UP");
                ApiClient.Answer created = api.post("/stacks", ApiClient.json(Map.of("name", "rel-full",
                        "compose", RelServer.sleeper("v1"))));
                assertThat(created.status()).as(created.text()).isEqualTo(201);
                String s = "/stacks/" + created.json().path("stack_id").asText();
                List<String> versions = new ArrayList<>(List.of("v1"));

                fs.fill();
                ApiClient.Answer full = null;
                for (int n = 0; n < ATTEMPTS && full == null; n++) {
                    ApiClient.Answer a = api.post(s + "/versions", ApiClient.json(Map.of("compose", big("f" + n))));
                    if (a.status() == 201) {
                        versions.add(a.json().path("version").asText());
                    } else {
                        assertThat(a.status()).as(a.text()).isEqualTo(507);
                        full = a;
                    }
                }
                assertThat(full).as("a 507 once the disk is full").isNotNull();
                assertThat(full.header("Content-Type")).get().asString().startsWith("application/problem+json");
                assertThat(full.json().path("status").asInt()).isEqualTo(507);
                assertThat(full.json().path("detail").asText()).contains("full");
                JsonNode degraded = assertDatabase(api, "DEGRADED");
                assertThat(degraded.path("database").path("error").asText()).contains("full");
                assertThat(api.get(s).status()).isEqualTo(200);
                assertThat(api.post(s + "/versions", ApiClient.json(Map.of("compose", big("again")))).status())
                        .isEqualTo(507);

                fs.free();

                ApiClient.Answer after = api.post(s + "/versions", ApiClient.json(Map.of("compose", big("after"))));
                assertThat(after.status()).as(after.text()).isEqualTo(201);
                versions.add(after.json().path("version").asText());
                assertDatabase(api, "UP");
                for (String v : versions) {
                    assertThat(api.get(s + "/versions/" + v).status()).as("version " + v).isEqualTo(200);
                }
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(e.getMessage() + "\nserver log:\n" + server.logTail(), e);
            } finally {
                server.close();
            }
        }
    }

    private static JsonNode assertDatabase(ApiClient api, String status) {
        ApiClient.Answer health = api.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("database").path("status").asText()).as(health.text()).isEqualTo(status);
        return health.json();
    }

    /** A stack definition of some 16 KB (one long environment value). */
    private static String big(String marker) {
        return RelServer.sleeper(marker) + "      PAD: '" + "x".repeat(16 * 1024) + "'\n";
    }
}
