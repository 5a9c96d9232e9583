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
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the server 20 times at random moments while 3 clients create versions of 3 small stacks and enqueue
 * APPLY; restarted each time on the same SQLite file. Nothing accepted is lost, nothing runs more than the retry
 * policy allows (3 attempts), commands run in id order, and the stacks end converged.
 */
@RequiresDocker
class KillRestartReliabilityIT {

    private static final int KILLS = 20;
    private static final int CLIENTS = 3;
    private static final int MAX_ATTEMPTS = 3;
    private static final Pattern STARTED = Pattern.compile("^started (\\S+) attempt (\\d+) on worker ");
    private static final Set<String> FINAL = Set.of("DONE", "FAILED", "CANCELLED");

    @Test
    void nothingAcceptedIsLostAcrossKills(@TempDir Path dir, DockerClient docker) throws Exception {
        TestImages.requireBusybox(docker);
        long seed = Long.getLong("reliability.seed", System.nanoTime());
        System.out.println("KillRestartReliabilityIT seed=" + seed + " (-Dreliability.seed=" + seed + " to repeat)");
        Random random = new Random(seed);
        RelServer server = new RelServer("kill", dir.resolve("cm.db"), List.of("--queue-on-failure", "continue",
                "--queue-on-crash", "retry", "--queue-max-attempts", Integer.toString(MAX_ATTEMPTS),
                // the dead server's lease lapses within 3 s, so the restarted one takes the queue over quickly
                "--queue-lease-ttl", "3s")).start();
        ApiClient api = server.api();
        String prefix = "rel-kill-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> stackIds = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                ApiClient.Answer a = api.post("/stacks", ApiClient.json(Map.of("name", prefix + "-" + i, "compose",
                        RelServer.sleeper("c" + i + "-0"))));
                assertThat(a.status()).as(a.text()).isEqualTo(201);
                stackIds.add(a.json().path("stack_id").asText());
            }
            Set<Long> accepted = ConcurrentHashMap.newKeySet();
            List<String> clientErrors = new CopyOnWriteArrayList<>();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                int n = i;
                Thread t = new Thread(() -> client(api, stackIds.get(n), n, accepted, clientErrors, stop), "client-" + n);
                t.start();
                clients.add(t);
            }
            int acceptedAtRestart = 0;
            for (int k = 1; k <= KILLS; k++) {
                // each life sees new work: a kill waits until the clients got a command accepted since the last
                // restart (so at least one command per kill, however slow the machine), then a random moment
                int before = acceptedAtRestart;
                RelServer.waitFor(accepted::size, n -> n > before, Duration.ofSeconds(120));
                Thread.sleep(300 + random.nextInt(2200));
                String owner = api.get("/queue").json().path("lease_owner").asText("");
                server.kill9();
                server.start();
                checkNothingLost(api, accepted, "after restart " + k);
                // the next random moment counts from when the restarted server works again: its worker takes the
                // lease once the dead one's lapses (within the 3 s TTL); a kill before that would find it idle
                RelServer.waitFor(() -> api.get("/queue").json().path("lease_owner").asText(""),
                        o -> !o.isEmpty() && !o.equals(owner), Duration.ofSeconds(15));
                acceptedAtRestart = accepted.size();
            }
            stop.set(true);
            for (Thread t : clients) {
                t.join(60_000);
            }
            assertThat(clientErrors).as("answers other than 2xx while the server was up").isEmpty();
            RelServer.awaitDrained(api, Duration.ofSeconds(120));
            checkNothingLost(api, accepted, "at the end");

            List<JsonNode> all = RelServer.allCommands(api, "");
            System.out.println("KillRestartReliabilityIT: " + KILLS + " kills, " + accepted.size()
                    + " commands accepted, " + all.size() + " in the database");
            assertThat(accepted).hasSizeGreaterThanOrEqualTo(KILLS);
            Map<Long, List<Integer>> attemptsById = new TreeMap<>();
            for (JsonNode c : all) {
                long id = c.path("command_id").asLong();
                String status = c.path("status").asText();
                assertThat(status).as("command %s", c).isIn(FINAL);
                assertThat(c.path("attempt").asInt()).as("attempt of %s", c).isBetween(1, MAX_ATTEMPTS);
                if (status.equals("FAILED")) {
                    assertThat(c.path("error").asText("")).as("FAILED without a reason: %s", c).isNotBlank();
                }
                List<Integer> attempts = new ArrayList<>();
                for (JsonNode line : api.get("/commands/" + id + "/logs").json().path("items")) {
                    Matcher m = STARTED.matcher(line.path("message").asText());
                    if (m.find()) {
                        attempts.add(Integer.parseInt(m.group(2)));
                    }
                }
                attemptsById.put(id, attempts);
                assertThat(attempts).as("executions of command %d (its 'started ... attempt n' log lines)", id)
                        .hasSizeLessThanOrEqualTo(MAX_ATTEMPTS).doesNotHaveDuplicates().isSorted()
                        .allMatch(a -> a >= 1 && a <= MAX_ATTEMPTS);
                if (status.equals("DONE")) {
                    assertThat(attempts).as("a DONE command %d ran", id).isNotEmpty();
                }
            }
            // FIFO: commands end in id order (a recovered command is retried before any later one starts).
            Instant previousEnd = Instant.EPOCH;
            long previousId = 0;
            for (JsonNode c : all) {
                if (c.path("started_at").isNull()) {
                    continue;
                }
                Instant started = Instant.parse(c.path("started_at").asText());
                Instant ended = Instant.parse(c.path("ended_at").asText());
                assertThat(started).as("command %d started before command %d ended", c.path("command_id").asLong(),
                        previousId).isAfterOrEqualTo(previousEnd);
                previousEnd = ended;
                previousId = c.path("command_id").asLong();
            }
            long retried = attemptsById.values().stream().filter(a -> a.size() > 1).count();
            System.out.println("KillRestartReliabilityIT: " + retried + " commands were interrupted and retried");

            // converged: each stack runs its current version
            for (String id : stackIds) {
                String current = api.get("/stacks/" + id).json().path("current_version").asText(null);
                assertThat(current).as("stack %s has a current version", id).isNotNull();
                JsonNode status = RelServer.waitFor(() -> api.get("/stacks/" + id + "/status").json(),
                        s -> "RUNNING".equals(s.path("actual").asText()), Duration.ofSeconds(60));
                assertThat(status.path("version").asText()).isEqualTo(current);
                assertThat(status.path("services").path("app").path("state").asText()).isEqualTo("running");
            }
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\n--- server log (last start) ---\n" + server.logTail(), e);
        } finally {
            server.close();
            Cleanup.stacks(docker, stackIds);
        }
    }

    /** Creates a version then enqueues its APPLY, waiting for the previous one to start; server down = retry. */
    private static void client(ApiClient api, String stackId, int n, Set<Long> accepted, List<String> errors,
            AtomicBoolean stop) {
        int round = 0;
        long last = -1;
        while (!stop.get()) {
            try {
                if (last > 0) {
                    JsonNode c = api.get("/commands/" + last).json();
                    if ("PENDING".equals(c.path("status").asText())) {
                        Thread.sleep(100);
                        continue;
                    }
                }
                round++;
                ApiClient.Answer v = api.post("/stacks/" + stackId + "/versions", ApiClient.json(Map.of("compose",
                        RelServer.sleeper("c" + n + "-" + round))));
                if (v.status() != 201 && v.status() != 200) {
                    errors.add("POST versions: " + v.status() + " " + v.text());
                    continue;
                }
                String version = v.json().path("version").asText();
                ApiClient.Answer a = api.post("/stacks/" + stackId + "/apply/" + version, null);
                if (a.status() != 202) {
                    errors.add("POST apply: " + a.status() + " " + a.text());
                    continue;
                }
                last = a.json().path("command_id").asLong();
                accepted.add(last);
            } catch (IllegalStateException e) {
                // the server is down (being killed or restarting): try again
                sleepQuietly(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void checkNothingLost(ApiClient api, Set<Long> accepted, String when) {
        for (long id : Set.copyOf(accepted)) {
            ApiClient.Answer a = api.get("/commands/" + id);
            assertThat(a.status()).as("%s: accepted command %d is in the database", when, id).isEqualTo(200);
            assertThat(a.json().path("attempt").asInt()).as("%s: attempt of %d", when, id).isLessThanOrEqualTo(MAX_ATTEMPTS);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
