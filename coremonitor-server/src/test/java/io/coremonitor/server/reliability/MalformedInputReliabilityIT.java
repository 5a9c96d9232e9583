package io.coremonitor.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import io.coremonitor.docker.testing.RequiresDocker;
import io.coremonitor.docker.testing.TestImages;
import io.coremonitor.model.ComposeLoader;
import io.coremonitor.server.internal.ApiClient;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10,000 generated malformed definitions and request bodies (wrong types, huge values, deep nesting, unicode,
 * injection strings, dependency cycles, bodies over 2 MiB, invalid UTF-8) against one server: never a 5xx, every
 * 4xx a problem body (400/422 with an error path), and every version stored is one ComposeLoader loads.
 * Request i is generated from {@code new Random(seed + i)}: print the seed, repeat with {@code -Dreliability.seed}.
 */
@RequiresDocker
class MalformedInputReliabilityIT {

    private static final int REQUESTS = Integer.getInteger("reliability.malformed.requests", 10_000);
    private static final int THREADS = 8;
    private static final String[] NASTY = {
        "'; DROP TABLE stacks; --", "\" OR 1=1 --", "${", "${HOME}", "${X:?boom}", "$(", "$(rm -rf /)", "`id`", "$$",
        "\u0000", "\ud800", "\u202e\u0644\u0627", "\uD83D\uDE00\uD83D\uDCA5", "\u200b", "../../etc/passwd", "%s%n%x",
        "<script>alert(1)</script>", "\\", "\n\t\r", "*", "&a", "!!python/object/apply:os.system ['id']", "-1",
        "99999999999999999999999", "1e999", "NaN", "", " ", "null", "true", "{", "[", ":", "v1", "v0", "v-1",
    };

    @Test
    void malformedInputNeverBreaksTheServer(@TempDir Path dir, DockerClient docker) throws Exception {
        TestImages.requireBusybox(docker);
        long seed = Long.getLong("reliability.seed", System.nanoTime());
        System.out.println("MalformedInputReliabilityIT seed=" + seed + " (-Dreliability.seed=" + seed + " to repeat)");
        RelServer server = new RelServer("malformed", dir.resolve("cm.db"), List.of("--queue-on-failure", "continue"))
                .start();
        ApiClient api = server.api();
        List<String> stackIds = new CopyOnWriteArrayList<>();
        try {
            String base = created(api, "rel-mal-base", stackIds);
            String victim = created(api, "rel-mal-victim", stackIds);
            AtomicInteger created = new AtomicInteger(2);
            Map<Integer, AtomicInteger> byStatus = new ConcurrentHashMap<>();
            List<String> failures = new CopyOnWriteArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = thread; i < REQUESTS; i += THREADS) {
                        Random r = new Random(seed + i);
                        Req req = generate(r, base, victim);
                        try {
                            ApiClient.Answer a = api.send(api.request(req.path)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(req.body)));
                            byStatus.computeIfAbsent(a.status(), k -> new AtomicInteger()).incrementAndGet();
                            String problem = check(a);
                            if (problem != null && failures.size() < 50) {
                                failures.add("request " + i + " " + req.describe() + ": " + problem);
                            }
                            if (a.status() == 201) {
                                created.incrementAndGet();
                                if (req.path.equals("/stacks")) {
                                    stackIds.add(a.json().path("stack_id").asText());
                                }
                            }
                        } catch (RuntimeException e) {
                            if (failures.size() < 50) {
                                failures.add("request " + i + " " + req.describe() + ": " + e);
                            }
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(10, TimeUnit.MINUTES);
            }
            pool.shutdown();
            System.out.println("MalformedInputReliabilityIT: " + REQUESTS + " requests, answers by status " + byStatus);
            assertThat(failures).as("requests answered badly (seed %d)", seed).isEmpty();

            // nothing invalid was stored: every version of every stack loads, and there are as many as 201s
            int versions = 0;
            // the stacks listed, and those deleted by a DELETE command (no longer listed, still stored)
            Set<String> all = new LinkedHashSet<>(stackIds);
            pages(api, "/stacks").forEach(st -> all.add(st.path("stack_id").asText()));
            for (String id : all) {
                for (JsonNode v : pages(api, "/stacks/" + id + "/versions")) {
                    String name = v.path("version").asText();
                    ApiClient.Answer full = api.get("/stacks/" + id + "/versions/" + name);
                    assertThat(full.status()).as(full.text()).isEqualTo(200);
                    String compose = full.json().path("compose").toString();
                    try {
                        ComposeLoader.load(compose);
                    } catch (RuntimeException e) {
                        throw new AssertionError("stored version " + id + "/" + name + " does not load: " + e
                                + "\n" + compose, e);
                    }
                    versions++;
                }
            }
            assertThat(versions).as("stored versions vs 201 answers").isEqualTo(created.get());
            assertThat(api.get("/health").status()).isEqualTo(200);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\n--- server log ---\n" + server.logTail(), e);
        } finally {
            server.close();
            Cleanup.stacks(docker, stackIds);
        }
    }

    private static String created(ApiClient api, String name, List<String> ids) {
        ApiClient.Answer a = api.post("/stacks", ApiClient.json(Map.of("name", name, "compose", RelServer.sleeper(name))));
        assertThat(a.status()).as(a.text()).isEqualTo(201);
        String id = a.json().path("stack_id").asText();
        ids.add(id);
        return id;
    }

    private static List<JsonNode> pages(ApiClient api, String path) {
        List<JsonNode> out = new ArrayList<>();
        String cursor = null;
        do {
            ApiClient.Answer a = api.get(path + "?limit=500" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(a.status()).as(a.text()).isEqualTo(200);
            a.json().path("items").forEach(out::add);
            cursor = a.json().path("next_cursor").isNull() ? null : a.json().path("next_cursor").asText();
        } while (cursor != null);
        return out;
    }

    /** Null when the answer keeps the contract, else what is wrong. */
    private static String check(ApiClient.Answer a) {
        int s = a.status();
        if (s >= 500) {
            return "answered " + s + ": " + abbreviate(a.text());
        }
        if (s < 400) {
            return null;
        }
        if (!a.header("Content-Type").orElse("").contains("application/problem+json")) {
            return s + " is not problem+json: " + a.header("Content-Type") + " " + abbreviate(a.text());
        }
        if (a.json().path("status").asInt() != s) {
            return s + " problem body without its status: " + abbreviate(a.text());
        }
        if (s == 400 || s == 422) {
            boolean withPath = false;
            for (JsonNode e : a.json().path("errors")) {
                withPath |= e.path("path").isTextual();
            }
            if (!withPath) {
                return s + " without an error path: " + abbreviate(a.text());
            }
        }
        return null;
    }

    private static String abbreviate(String s) {
        return s.length() > 500 ? s.substring(0, 500) + "..." : s;
    }

    /** A request: path and body bytes. */
    private record Req(String path, byte[] body, String kind) {
        String describe() {
            String b = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
            return "POST " + path + " [" + kind + ", " + body.length + " bytes] " + b;
        }
    }

    static Req generate(Random r, String base, String victim) {
        int route = r.nextInt(100);
        String path;
        boolean definition;
        if (route < 40) {
            path = "/stacks";
            definition = true;
        } else if (route < 80) {
            path = "/stacks/" + base + "/versions";
            definition = true;
        } else {
            definition = false;
            String s = "/stacks/" + base;
            path = switch (r.nextInt(9)) {
                case 0 -> s + "/apply/" + pick(r, "v1", "v1", "v2", enc(nasty(r)));
                case 1 -> s + "/rollback/" + pick(r, "v1", "v999", enc(nasty(r)));
                case 2 -> s + "/actions/" + pick(r, "start", "stop", "restart", enc(nasty(r)));
                case 3 -> s + "/deploy";
                case 4 -> "/stacks/" + victim + "/delete";
                case 5 -> "/commands/" + pick(r, "1", "999999", "-1", "abc", enc(nasty(r))) + "/cancel";
                case 6 -> "/commands/" + pick(r, "1", "999999", "0", enc(nasty(r))) + "/retry";
                case 7 -> "/stacks/" + enc(nasty(r)) + "/versions";
                default -> "/stacks/" + UUID.randomUUID() + "/apply/v1";
            };
        }
        int shape = r.nextInt(100);
        if (shape < 4) {
            return new Req(path, deep(r), "deep nesting");
        }
        if (shape < 5) {
            String big = "x".repeat(2 * 1024 * 1024 + 1 + r.nextInt(1000));
            return new Req(path, ("{\"name\":\"big\",\"compose\":\"" + big + "\"}").getBytes(StandardCharsets.UTF_8),
                    "oversize");
        }
        if (shape < 12) {
            byte[] b = ApiClient.json(definition ? body(r, path.equals("/stacks")) : commandBody(r))
                    .getBytes(StandardCharsets.UTF_8);
            byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE, (byte) 0x80, (byte) 0xED, (byte) 0xA0,
                (byte) 0x80};
            int at = b.length > 2 ? 1 + r.nextInt(b.length - 2) : 0;
            byte[] out = new byte[b.length + 3];
            System.arraycopy(b, 0, out, 0, at);
            for (int k = 0; k < 3; k++) {
                out[at + k] = bad[r.nextInt(bad.length)];
            }
            System.arraycopy(b, at, out, at + 3, b.length - at);
            return new Req(path, out, "invalid UTF-8");
        }
        if (shape < 20) {
            String text = ApiClient.json(definition ? body(r, path.equals("/stacks")) : commandBody(r));
            String junk = switch (r.nextInt(6)) {
                case 0 -> text.substring(0, r.nextInt(text.length()));
                case 1 -> text + "}";
                case 2 -> "{not json";
                case 3 -> nasty(r);
                case 4 -> text.replace("\"", "'");
                default -> pick(r, "[]", "1", "\"x\"", "true", "null", "{}", "[{}]");
            };
            return new Req(path, junk.getBytes(StandardCharsets.UTF_8), "invalid JSON");
        }
        Object body = definition ? body(r, path.equals("/stacks")) : commandBody(r);
        return new Req(path, ApiClient.json(body).getBytes(StandardCharsets.UTF_8), "generated");
    }

    private static byte[] deep(Random r) {
        int depth = 1_000 + r.nextInt(9_001);
        StringBuilder b = new StringBuilder("{\"name\":\"deep\",\"compose\":");
        boolean arrays = r.nextBoolean();
        for (int k = 0; k < depth; k++) {
            b.append(arrays ? "[" : "{\"a\":");
        }
        b.append("1");
        for (int k = 0; k < depth; k++) {
            b.append(arrays ? "]" : "}");
        }
        b.append('}');
        if (r.nextBoolean()) {
            // deep YAML inside the compose string instead
            StringBuilder y = new StringBuilder();
            for (int k = 0; k < depth; k++) {
                y.append('[');
            }
            return ApiClient.json(Map.of("name", "deepyaml", "compose", y.toString())).getBytes(StandardCharsets.UTF_8);
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, Object> body(Random r, boolean create) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (create && r.nextInt(10) > 0) {
            m.put("name", r.nextInt(3) == 0 ? value(r, 0) : "rel-mal-" + Long.toHexString(r.nextLong()) + nameSuffix(r));
        }
        if (r.nextInt(10) > 0) {
            m.put("compose", r.nextInt(3) == 0 ? yaml(r) : r.nextInt(8) == 0 ? value(r, 0) : compose(r));
        }
        if (r.nextBoolean()) {
            m.put("comment", r.nextBoolean() ? nasty(r) : value(r, 0));
        }
        if (r.nextBoolean()) {
            m.put("author", r.nextBoolean() ? nasty(r) : value(r, 0));
        }
        if (r.nextInt(4) == 0) {
            m.put("variables", r.nextBoolean() ? map(nasty(r), value(r, 1)) : value(r, 0));
        }
        if (!create && r.nextInt(4) == 0) {
            m.put("parent_version", r.nextBoolean() ? nasty(r) : value(r, 0));
        }
        if (r.nextInt(6) == 0) {
            m.put(nasty(r), value(r, 0));
        }
        return m;
    }

    private static String nameSuffix(Random r) {
        return r.nextInt(4) == 0 ? nasty(r) : "";
    }

    private static Object commandBody(Random r) {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (r.nextInt(5)) {
            case 0 -> m.put("auto_rollback", value(r, 0));
            case 1 -> m.put("remove_volumes", value(r, 0));
            case 2 -> m.put("services", r.nextBoolean() ? list(nasty(r), value(r, 1)) : value(r, 0));
            case 3 -> {
                m.put("service", value(r, 0));
                m.put("artifact", nasty(r));
                m.put("target_path", value(r, 0));
            }
            default -> m.put(nasty(r), value(r, 1));
        }
        return r.nextInt(10) == 0 ? value(r, 0) : m;
    }

    /** A compose-like map: services with random, mostly wrong, fields; sometimes a depends_on cycle. */
    private static Object compose(Random r) {
        Map<String, Object> services = new LinkedHashMap<>();
        int n = 1 + r.nextInt(3);
        for (int k = 0; k < n; k++) {
            Map<String, Object> svc = new LinkedHashMap<>();
            if (r.nextInt(4) > 0) {
                svc.put("image", r.nextInt(3) == 0 ? value(r, 0) : TestImages.BUSYBOX);
            }
            int fields = r.nextInt(4);
            for (int f = 0; f < fields; f++) {
                String key = pick(r, "command", "ports", "environment", "restart", "healthcheck", "volumes", "networks",
                        "mem_limit", "cpus", "stop_grace_period", "stop_signal", "labels", "user", "build", nasty(r));
                svc.put(key, fieldValue(r, key));
            }
            services.put(k == 0 || r.nextInt(4) > 0 ? "s" + k : nasty(r), svc);
        }
        if (n > 1 && r.nextInt(3) == 0) {
            List<String> names = new ArrayList<>(services.keySet());
            for (int k = 0; k < names.size(); k++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> svc = (Map<String, Object>) services.get(names.get(k));
                svc.put("depends_on", List.of(names.get((k + 1) % names.size())));
            }
        }
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("services", r.nextInt(10) == 0 ? value(r, 0) : services);
        if (r.nextInt(5) == 0) {
            top.put(pick(r, "volumes", "networks", "x-" + nasty(r), "version", nasty(r)), value(r, 1));
        }
        return top;
    }

    private static Object fieldValue(Random r, String key) {
        return switch (key) {
            case "ports" -> list(pick(r, "99999:80", "-1:80", "80:80/xyz", "abc", "8080:80", "0:0", nasty(r)),
                    value(r, 1));
            case "environment" -> r.nextBoolean() ? map(nasty(r), value(r, 1)) : List.of(nasty(r));
            case "restart" -> pick(r, "sometimes", "always", "on-failure:-1", "on-failure:99999999999", nasty(r));
            case "mem_limit", "cpus" -> pick(r, "1e999", "-1", "99999999999999999999g", "NaN", "0.5", nasty(r));
            case "stop_grace_period" -> pick(r, "-1s", "99999999999h", "1x", "0s", nasty(r));
            default -> value(r, 0);
        };
    }

    /** A value of a random JSON type: wrong types, huge numbers and strings, unicode, injection strings. */
    private static Object value(Random r, int depth) {
        return switch (r.nextInt(depth > 2 ? 7 : 9)) {
            case 0 -> r.nextInt();
            case 1 -> pick(r, Long.MAX_VALUE, Long.MIN_VALUE, Double.MAX_VALUE, -0.0, 1e308, 0);
            case 2 -> r.nextBoolean();
            case 3 -> null;
            case 4 -> nasty(r);
            case 5 -> "a".repeat(r.nextInt(4) == 0 ? 100_000 : 1 + r.nextInt(300));
            case 6 -> new String(Character.toChars(0x1F300 + r.nextInt(500))) + "\u00e9\u4e2d";
            case 7 -> list(value(r, depth + 1), value(r, depth + 1));
            default -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put(nasty(r), value(r, depth + 1));
                yield m;
            }
        };
    }

    private static String yaml(Random r) {
        return switch (r.nextInt(10)) {
            case 0 -> "services: [";
            case 1 -> "services:\n\tweb:\n\t\timage: x\n";
            case 2 -> "a: &a [*a, *a]\nservices: *a\n";
            case 3 -> "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                    + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                    + "services: {web: {image: x, labels: *d}}\n";
            case 4 -> "services:\n  web:\n    image: x\n  web:\n    image: y\n";
            case 5 -> "!!python/object/apply:os.system ['id']";
            case 6 -> "services:\n  web:\n    image: " + TestImages.BUSYBOX + "\n    command: " + nasty(r) + "\n";
            case 7 -> "services:\n  web:\n    image: '" + nasty(r).replace("'", "''") + "'\n";
            case 8 -> "--- \n...\n--- \nservices: {}\n";
            default -> "services:\n  a:\n    image: x\n    depends_on: [b]\n  b:\n    image: x\n    depends_on: [a]\n";
        };
    }

    private static List<Object> list(Object a, Object b) {
        List<Object> l = new ArrayList<>();
        l.add(a);
        l.add(b);
        return l;
    }

    private static Map<String, Object> map(String k, Object v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k, v);
        return m;
    }

    private static String nasty(Random r) {
        return NASTY[r.nextInt(NASTY.length)];
    }

    @SafeVarargs
    private static <T> T pick(Random r, T... options) {
        return options[r.nextInt(options.length)];
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
