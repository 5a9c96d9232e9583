package io.coremonitor.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import io.coremonitor.docker.testing.RequiresDocker;
import io.coremonitor.docker.testing.TestImages;
import io.coremonitor.server.internal.ApiClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 32 clients enqueue (APPLY of the applied version, a no-op, and restart of a tiny stack) and read for a minute
 * ({@code -Dreliability.concurrent.seconds}, default 60): no 5xx, no connection error, one command RUNNING at a time
 * (seen on /queue and in the command rows: no two [started_at, ended_at] overlap), executed in id order.
 */
@RequiresDocker
class ConcurrentClientsReliabilityIT {

    private static final int CLIENTS = 32;
    private static final int SECONDS = Integer.getInteger("reliability.concurrent.seconds", 60);

    @Test
    void thirtyTwoClientsForAMinute(@TempDir Path dir, DockerClient docker) throws Exception {
        TestImages.requireBusybox(docker);
        long seed = Long.getLong("reliability.seed", System.nanoTime());
        System.out.println("ConcurrentClientsReliabilityIT seed=" + seed + " clients=" + CLIENTS + " seconds=" + SECONDS);
        RelServer server = new RelServer("concurrent", dir.resolve("cm.db"), List.of()).start();
        ApiClient api = server.api();
        List<String> stackIds = new ArrayList<>();
        try {
            ApiClient.Answer c = api.post("/stacks", ApiClient.json(Map.of("name", "rel-conc-"
                    + UUID.randomUUID().toString().substring(0, 8), "compose", RelServer.sleeper("one"))));
            assertThat(c.status()).as(c.text()).isEqualTo(201);
            String id = c.json().path("stack_id").asText();
            stackIds.add(id);
            String s = "/stacks/" + id;
            ApiClient.Answer first = api.post(s + "/apply/v1", null);
            assertThat(first.status()).as(first.text()).isEqualTo(202);
            RelServer.awaitDrained(api, Duration.ofSeconds(60));

            List<String> errors = new CopyOnWriteArrayList<>();
            Set<Long> accepted = ConcurrentHashMap.newKeySet();
            AtomicLong requests = new AtomicLong();
            AtomicLong maxRunningSeen = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < CLIENTS; t++) {
                Random r = new Random(seed + t);
                Thread th = new Thread(() -> {
                    long mine = -1;
                    while (!stop.get()) {
                        String path = null;
                        try {
                            ApiClient.Answer a;
                            int op = r.nextInt(10);
                            boolean mayEnqueue = mine < 0 || !"PENDING".equals(api.get("/commands/" + mine).json()
                                    .path("status").asText());
                            requests.incrementAndGet();
                            if (op < 3 && mayEnqueue) {
                                path = op == 0 ? s + "/actions/restart" : s + "/apply/v1";
                                a = api.post(path, null);
                                if (a.status() == 202) {
                                    mine = a.json().path("command_id").asLong();
                                    accepted.add(mine);
                                } else {
                                    errors.add("POST " + path + " answered " + a.status() + ": " + a.text());
                                }
                            } else {
                                path = switch (op) {
                                    case 3, 4 -> "/queue";
                                    case 5 -> "/commands?stack_id=" + id + "&limit=20";
                                    case 6 -> s;
                                    case 7 -> s + "/versions";
                                    case 8 -> "/stacks?limit=10";
                                    default -> mine > 0 ? "/commands/" + mine : "/health";
                                };
                                a = api.get(path);
                                if (a.status() != 200) {
                                    errors.add("GET " + path + " answered " + a.status() + ": " + a.text());
                                }
                            }
                        } catch (RuntimeException e) {
                            errors.add(path + ": " + e);
                        }
                    }
                }, "client-" + t);
                th.start();
                threads.add(th);
            }
            // the queue seen from outside: at most one running, and running ids only grow (FIFO)
            long until = System.nanoTime() + Duration.ofSeconds(SECONDS).toNanos();
            long lastRunning = 0;
            while (System.nanoTime() < until) {
                JsonNode q = api.get("/queue").json();
                JsonNode running = q.path("running");
                if (!running.isNull() && !running.isMissingNode()) {
                    assertThat(running.isObject()).as("running is one command: %s", q).isTrue();
                    long rid = running.path("command_id").asLong();
                    assertThat(rid).as("the running command id went backwards (not FIFO): %s", q)
                            .isGreaterThanOrEqualTo(lastRunning);
                    lastRunning = rid;
                }
                int runningRows = api.get("/commands?stack_id=" + id + "&status=RUNNING").json().path("items").size();
                maxRunningSeen.accumulateAndGet(runningRows, Math::max);
                assertThat(runningRows).as("commands RUNNING at once").isLessThanOrEqualTo(1);
                Thread.sleep(50);
            }
            stop.set(true);
            for (Thread th : threads) {
                th.join(60_000);
            }
            RelServer.awaitDrained(api, Duration.ofSeconds(120));
            System.out.println("ConcurrentClientsReliabilityIT: " + requests.get() + " requests, " + accepted.size()
                    + " commands enqueued, " + errors.size() + " errors");
            assertThat(errors).as("errors (seed %d)", seed).isEmpty();
            assertThat(accepted).hasSizeGreaterThan(CLIENTS);

            List<JsonNode> all = RelServer.allCommands(api, "&stack_id=" + id);
            Instant previousEnd = Instant.EPOCH;
            long previousId = 0;
            for (JsonNode cmd : all) {
                long cid = cmd.path("command_id").asLong();
                assertThat(cmd.path("status").asText()).as("command %s", cmd).isEqualTo("DONE");
                assertThat(cid).isGreaterThan(previousId);
                Instant started = Instant.parse(cmd.path("started_at").asText());
                Instant ended = Instant.parse(cmd.path("ended_at").asText());
                assertThat(started).as("command %d started before command %d ended (overlap or out of order)", cid,
                        previousId).isAfterOrEqualTo(previousEnd);
                assertThat(ended).isAfterOrEqualTo(started);
                previousEnd = ended;
                previousId = cid;
            }
            assertThat(all).hasSize(accepted.size() + 1);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\n--- server log ---\n" + server.logTail(), e);
        } finally {
            server.close();
            Cleanup.stacks(docker, stackIds);
        }
    }
}
