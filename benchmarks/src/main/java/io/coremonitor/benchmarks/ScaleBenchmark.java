package io.coremonitor.benchmarks;

import io.coremonitor.server.CoreMonitorServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * List and status queries of the REST API on a small database (10 stacks, a few log lines) and on a large one
 * (10,000 stacks, 1,000,000 command log lines): the latency of each query should not grow with the data (ratio
 * large / small near 1). Both servers run in this JVM ({@code CoreMonitorServer.start}); each query is sent sequentially,
 * after a warm-up, alternating the small and the large server; the figure is the median latency.
 * Run: {@code benchmarks/run.sh}; arguments {@code [stacks (10000)] [log lines (1000000)] [requests per query (300)]}.
 */
public final class ScaleBenchmark {

    private ScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int stacks = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int lines = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        int linesPerCommand = 100;
        Path dir = Files.createTempDirectory("cm-scale-bench");
        System.out.printf("scale benchmark: 10 stacks vs %,d stacks + %,d log lines (%,d commands x %d lines);"
                + " %d requests per query; files in %s%n", stacks, lines, lines / linesPerCommand, linesPerCommand,
                requests, dir);
        long t0 = System.nanoTime();
        long smallCmd = ApiData.fill(dir.resolve("small.db"), 10, 3, 3);
        long largeCmd = ApiData.fill(dir.resolve("large.db"), stacks, lines / linesPerCommand, linesPerCommand);
        System.out.printf("data written in %.1f s (large file %,d bytes)%n", (System.nanoTime() - t0) / 1e9,
                Files.size(dir.resolve("large.db")));
        try (CoreMonitorServer small = ApiData.startServer(dir.resolve("small.db"));
                CoreMonitorServer large = ApiData.startServer(dir.resolve("large.db"))) {
            Map<String, String[]> queries = new LinkedHashMap<>();
            String s = small.apiUrl().toString();
            String l = large.apiUrl().toString();
            // deep page: a cursor taken after the first half of the stacks (small: after 5 of 10; large: after 5,000)
            queries.put("stacks_first_page", new String[] {s + "/stacks?limit=50", l + "/stacks?limit=50"});
            queries.put("stacks_deep_page", new String[] {s + "/stacks?limit=50&cursor=" + cursorAfter(s, 5),
                l + "/stacks?limit=50&cursor=" + cursorAfter(l, stacks / 2)});
            queries.put("commands_first_page", new String[] {s + "/commands?limit=50", l + "/commands?limit=50"});
            queries.put("command_logs_3_lines", new String[] {s + "/commands/" + smallCmd + "/logs",
                l + "/commands/" + largeCmd + "/logs"});
            queries.put("stack_detail", new String[] {s + "/stacks/" + ApiData.TEMPLATE, l + "/stacks/" + ApiData.TEMPLATE});
            queries.put("stack_commands", new String[] {s + "/commands?limit=50&stack_id=" + ApiData.TEMPLATE,
                l + "/commands?limit=50&stack_id=" + ApiData.TEMPLATE});
            // status queries: the queue at a glance, and a stack's live status (one Docker list call besides the store)
            queries.put("queue_status", new String[] {s + "/queue", l + "/queue"});
            queries.put("stack_status", new String[] {s + "/stacks/" + ApiData.TEMPLATE + "/status",
                l + "/stacks/" + ApiData.TEMPLATE + "/status"});
            for (Map.Entry<String, String[]> q : queries.entrySet()) {
                String[] urls = q.getValue();
                for (int i = 0; i < Math.max(50, requests / 3); i++) {
                    ApiData.get(urls[0]);
                    ApiData.get(urls[1]);
                }
                List<Double> smallMs = new ArrayList<>();
                List<Double> largeMs = new ArrayList<>();
                for (int i = 0; i < requests; i++) {
                    smallMs.add(time(urls[0]));
                    largeMs.add(time(urls[1]));
                }
                double a = Stats.median(smallMs);
                double b = Stats.median(largeMs);
                System.out.printf("%s: median %.3f ms with 10 stacks, %.3f ms with %,d stacks + %,d log lines; ratio %.2f%n",
                        q.getKey(), a, b, stacks, lines, b / a);
                System.out.printf("RESULT name=scale_%s ratio=%.2f small_ms=%.3f large_ms=%.3f stacks=%d log_lines=%d%n",
                        q.getKey(), b / a, a, b, stacks, lines);
            }
        } finally {
            StoreQueueBenchmark.deleteTree(dir);
        }
    }

    /** Walks the stack list (500 a page, then smaller) and answers the cursor after the first {@code n} stacks. */
    private static String cursorAfter(String base, int n) throws Exception {
        String cursor = null;
        int seen = 0;
        while (seen < n) {
            int limit = Math.min(500, n - seen);
            String body = ApiData.get(base + "/stacks?limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor));
            cursor = ApiData.nextCursor(body);
            if (cursor == null) {
                throw new IllegalStateException("no next_cursor after " + seen + " stacks");
            }
            seen += limit;
        }
        return cursor;
    }

    private static double time(String url) throws Exception {
        long start = System.nanoTime();
        ApiData.get(url);
        return (System.nanoTime() - start) / 1e6;
    }
}
