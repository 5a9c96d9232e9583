package io.coremonitor.benchmarks;

import io.coremonitor.server.CoreMonitorServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Throughput and p99 latency of {@code GET /api/v1/stacks} (first page, default limit 50) on a server holding 1,000
 * stacks, beside the cheapest route of the same server, {@code GET /api/v1/docs} (a static page held in memory: no
 * store, no Docker; {@code /health} probes Docker and is not trivial). Load from {@code wrk --latency} (Debian's wrk),
 * rounds alternating both routes; the figures are medians of the rounds.
 * Run: {@code benchmarks/run.sh}; arguments {@code [stacks (1000)] [seconds per wrk run (10)] [rounds (3)]}.
 */
public final class ReadApiBenchmark {

    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern P99 = Pattern.compile("\\s99%\\s+([0-9.]+)(us|ms|s)");

    private ReadApiBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int stacks = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path dir = Files.createTempDirectory("cm-read-bench");
        ApiData.fill(dir.resolve("read.db"), stacks, 0, 0);
        System.out.printf("read API benchmark: %,d stacks, wrk -t2 -c16 -d%ds --latency, %d rounds (+ a 3 s warm-up each)%n",
                stacks, seconds, rounds);
        try (CoreMonitorServer server = ApiData.startServer(dir.resolve("read.db"))) {
            String base = server.apiUrl().toString();
            String list = base + "/stacks";
            String docs = base + "/docs";
            wrk(list, 3);
            wrk(docs, 3);
            List<Double> listRps = new ArrayList<>();
            List<Double> listP99 = new ArrayList<>();
            List<Double> docsRps = new ArrayList<>();
            List<Double> docsP99 = new ArrayList<>();
            for (int r = 1; r <= rounds; r++) {
                double[] a = wrk(list, seconds);
                double[] b = wrk(docs, seconds);
                System.out.printf("round %d: /stacks %,.0f req/s p99 %.2f ms | /docs %,.0f req/s p99 %.2f ms%n", r, a[0], a[1],
                        b[0], b[1]);
                listRps.add(a[0]);
                listP99.add(a[1]);
                docsRps.add(b[0]);
                docsP99.add(b[1]);
            }
            double lr = Stats.median(listRps);
            double lp = Stats.median(listP99);
            double dr = Stats.median(docsRps);
            double dp = Stats.median(docsP99);
            System.out.printf("medians: GET /stacks %,.0f req/s, p99 %.2f ms; GET /docs %,.0f req/s, p99 %.2f ms%n", lr, lp, dr,
                    dp);
            System.out.printf("RESULT name=read_api_rps ratio=%.3f stacks_rps=%.0f trivial_rps=%.0f stacks=%d%n", lr / dr, lr,
                    dr, stacks);
            System.out.printf("RESULT name=read_api_p99 ratio=%.3f stacks_p99_ms=%.2f trivial_p99_ms=%.2f stacks=%d%n", lp / dp,
                    lp, dp, stacks);
        } finally {
            StoreQueueBenchmark.deleteTree(dir);
        }
    }

    /** Runs wrk against one URL; answers {requests/s, p99 in ms}. */
    private static double[] wrk(String url, int seconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("wrk", "-t2", "-c16", "-d" + seconds + "s", "--latency", url).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("wrk failed: " + out);
        }
        if (out.contains("Non-2xx")) {
            throw new IllegalStateException("non-2xx answers from " + url + ": " + out);
        }
        Matcher rps = RPS.matcher(out);
        Matcher p99 = P99.matcher(out);
        if (!rps.find() || !p99.find()) {
            throw new IllegalStateException("cannot parse wrk's output: " + out);
        }
        double v = Double.parseDouble(p99.group(1));
        double ms = switch (p99.group(2)) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
        };
        return new double[] {Double.parseDouble(rps.group(1)), ms};
    }
}
