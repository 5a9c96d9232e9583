package io.coremonitor.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import io.coremonitor.docker.testing.RequiresDocker;
import io.coremonitor.docker.testing.TestImages;
import io.coremonitor.server.internal.ApiClient;
import io.coremonitor.store.testing.PrivatePostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped under traffic (a private server the test starts, stops and starts again; the server jar runs on
 * it): while it is down every answer that needs the database is a 503 problem with {@code Retry-After}, never a 500,
 * and {@code /health} says the database is DOWN; once it is back, reads and writes succeed without restarting the
 * server, and every command accepted with a 202 (and every version created with a 201) is there.
 */
@RequiresDocker
class PostgresOutageReliabilityIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Set<Integer> FINE = Set.of(200, 201, 202, 409);

    @Test
    void aStoppedDatabaseAnswers503AndReadsAndWritesRecoverWhenItIsBack(DockerClient docker) throws Exception {
        TestImages.requireBusybox(docker);
        List<String> stackIds = new ArrayList<>();
        try (PrivatePostgres pg = PrivatePostgres.start()) {
            RelServer server = new RelServer("pg-outage", pg.url(), List.of("--db-pool-size", "4",
                    "--queue-on-failure", "continue")).start();
            ApiClient api = server.api();
            try {
                ApiClient.Answer created = api.post("/stacks", ApiClient.json(Map.of("name", "rel-pg-"
                        + UUID.randomUUID().toString().substring(0, 8), "compose", RelServer.sleeper("v1"))));
                assertThat(created.status()).as(created.text()).isEqualTo(201);
                String id = created.json().path("stack_id").asText();
                stackIds.add(id);
                String s = "/stacks/" + id;
                ApiClient.Answer first = api.post(s + "/apply/v1", null);
                assertThat(first.status()).as(first.text()).isEqualTo(202);
                RelServer.awaitDrained(api, WAIT);

                Set<Long> acceptedCommands = ConcurrentHashMap.newKeySet();
                Set<String> createdVersions = ConcurrentHashMap.newKeySet();
                List<String> errors = new CopyOnWriteArrayList<>();
                AtomicInteger unavailable = new AtomicInteger();
                AtomicInteger writes = new AtomicInteger();
                AtomicInteger reads = new AtomicInteger();
                AtomicBoolean stop = new AtomicBoolean();
                Thread writer = new Thread(() -> {
                    for (int n = 0; !stop.get(); n++) {
                        ApiClient.Answer a = n % 2 == 0
                                ? api.post(s + "/versions", ApiClient.json(Map.of("compose", RelServer.sleeper("w" + n))))
                                : api.post(s + "/apply/v1", null);
                        if (check(a, errors, unavailable)) {
                            writes.incrementAndGet();
                            if (a.status() == 201) {
                                createdVersions.add(a.json().path("version").asText());
                            } else if (a.status() == 202) {
                                acceptedCommands.add(a.json().path("command_id").asLong());
                            }
                        }
                    }
                }, "writer");
                Thread reader = new Thread(() -> {
                    for (int n = 0; !stop.get(); n++) {
                        ApiClient.Answer a = api.get(n % 2 == 0 ? s : "/commands?limit=5");
                        if (check(a, errors, unavailable)) {
                            reads.incrementAndGet();
                        }
                    }
                }, "reader");
                writer.start();
                reader.start();
                awaitCount(writes, 10, "writes before the outage");

                pg.stop();
                awaitCount(unavailable, 10, "503 answers while PostgreSQL is down");
                ApiClient.Answer health = api.get("/health");
                assertThat(health.status()).isEqualTo(200);
                assertThat(health.json().path("status").asText()).isEqualTo("DOWN");
                assertThat(health.json().path("database").path("status").asText()).isEqualTo("DOWN");
                assertThat(health.json().path("database").path("error").asText()).contains("unavailable");

                pg.startServer();
                awaitCount(writes, writes.get() + 10, "writes after PostgreSQL is back");
                awaitCount(reads, reads.get() + 10, "reads after PostgreSQL is back");
                stop.set(true);
                writer.join();
                reader.join();

                assertThat(errors).as("answers other than 2xx, 409 and 503 problems").isEmpty();
                assertThat(api.get("/health").json().path("database").path("status").asText()).isEqualTo("UP");
                for (long commandId : acceptedCommands) {
                    ApiClient.Answer c = api.get("/commands/" + commandId);
                    assertThat(c.status()).as("command %d accepted with 202: %s", commandId, c.text()).isEqualTo(200);
                }
                for (String version : createdVersions) {
                    ApiClient.Answer v = api.get(s + "/versions/" + version);
                    assertThat(v.status()).as("version %s created with 201: %s", version, v.text()).isEqualTo(200);
                }
                RelServer.awaitDrained(api, WAIT);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(e.getMessage() + "\nserver log:\n" + server.logTail(), e);
            } finally {
                server.close();
            }
        } finally {
            Cleanup.stacks(docker, stackIds);
        }
    }

    /** Whether the answer was a success; a 503 must be a problem with Retry-After; anything else is an error. */
    static boolean check(ApiClient.Answer a, List<String> errors, AtomicInteger unavailable) {
        if (a.status() == 503) {
            String type = a.header("Content-Type").orElse("");
            if (!type.startsWith("application/problem+json") || a.header("Retry-After").isEmpty()
                    || !a.json().path("detail").asText().contains("database")) {
                errors.add("503 without a database problem body and Retry-After: " + type + " " + a.text());
            }
            unavailable.incrementAndGet();
            pause();
            return false;
        }
        if (!FINE.contains(a.status())) {
            errors.add(a.status() + " " + a.text());
            return false;
        }
        return a.status() != 409;
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitCount(AtomicInteger counter, int atLeast, String what) {
        Awaitility.await(atLeast + " " + what).atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                .pollInSameThread().until(counter::get, n -> n >= atLeast);
    }
}
