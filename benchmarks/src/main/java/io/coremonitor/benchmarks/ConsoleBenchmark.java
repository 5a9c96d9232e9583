package io.coremonitor.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.coremonitor.server.CoreMonitorServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's dashboard with 1,000 stacks (issue 12): the time from navigation start to the dashboard fully rendered
 * (its first page of rows present and {@code #main[data-view=dashboard]}) in headless Chromium, and the bytes
 * transferred on a first load (empty cache) and on a second load (same browser), against the goals: under 1 s, under
 * 50 KB on the second load. The stacks are created through the API, concurrently, and never applied (no Docker
 * needed). The render time is taken by the page itself: a script given to Chromium before any page script
 * ({@code Page.addScriptToEvaluateOnNewDocument}, so the page's CSP does not apply to it) records
 * {@code performance.now()} (milliseconds since navigation start) when the rows appear. Bytes: the navigation entry's
 * and every resource's {@code transferSize} (Resource Timing; the open {@code /events} stream is not counted).
 * Each round starts a new browser (empty cache), loads the dashboard, then loads it again. Medians of the rounds.
 * Run: {@code benchmarks/run.sh}; arguments {@code [stacks (1000)] [rounds (3)]}. Needs Debian's {@code chromium} and
 * {@code chromium-driver}.
 */
public final class ConsoleBenchmark {

    static final double GOAL_MS = 1000;
    static final double GOAL_SECOND_LOAD_BYTES = 50 * 1024;
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));
    private static final int PAGE = 50;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COMPOSE = "services:\n  app:\n    image: coremonitor-test/busybox:latest\n"
            + "    command: [sh, -c, 'while true; do echo tick; sleep 1; done']\n";

    private ConsoleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int stacks = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the console benchmark needs " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (apt-get install -y chromium chromium-driver)");
        }
        Path dir = Files.createTempDirectory("cm-console-bench");
        try (CoreMonitorServer server = ApiData.startServer(dir.resolve("console.db"))) {
            long t0 = System.nanoTime();
            createStacks(server.apiUrl().toString(), stacks);
            System.out.printf("console benchmark: %,d stacks created through the API in %.1f s; %d rounds%n", stacks,
                    (System.nanoTime() - t0) / 1e9, rounds);
            String root = server.baseUrl().toString().replaceFirst("/$", "") + "/";
            int rows = Math.min(PAGE, stacks);
            load(root, rows); // warm-up: the server's JIT and the page's first compilation
            List<Double> firstMs = new ArrayList<>();
            List<Double> secondMs = new ArrayList<>();
            List<Double> firstBytes = new ArrayList<>();
            List<Double> secondBytes = new ArrayList<>();
            for (int r = 1; r <= rounds; r++) {
                double[][] m = load(root, rows);
                System.out.printf("round %d: first load %.0f ms, %,.0f bytes | second load %.0f ms, %,.0f bytes%n", r,
                        m[0][0], m[0][1], m[1][0], m[1][1]);
                firstMs.add(m[0][0]);
                firstBytes.add(m[0][1]);
                secondMs.add(m[1][0]);
                secondBytes.add(m[1][1]);
            }
            double fm = Stats.median(firstMs);
            double sm = Stats.median(secondMs);
            double fb = Stats.median(firstBytes);
            double sb = Stats.median(secondBytes);
            System.out.printf("medians: first load %.0f ms and %,.0f bytes; second load %.0f ms and %,.0f bytes"
                    + " (goals: < %.0f ms, < %,.0f bytes on the second load)%n", fm, fb, sm, sb, GOAL_MS, GOAL_SECOND_LOAD_BYTES);
            System.out.printf("RESULT name=console_dashboard_render ratio=%.3f first_load_ms=%.0f second_load_ms=%.0f"
                    + " goal_ms=%.0f stacks=%d%n", fm / GOAL_MS, fm, sm, GOAL_MS, stacks);
            System.out.printf("RESULT name=console_second_load_bytes ratio=%.3f second_load_bytes=%.0f first_load_bytes=%.0f"
                    + " goal_bytes=%.0f stacks=%d%n", sb / GOAL_SECOND_LOAD_BYTES, sb, fb, GOAL_SECOND_LOAD_BYTES, stacks);
        } finally {
            StoreQueueBenchmark.deleteTree(dir);
        }
    }

    /** Creates {@code count} stacks with POST /stacks from 8 threads. */
    static void createStacks(String api, int count) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String body = JSON.writeValueAsString(Map.of("name", String.format("bench-%05d", i), "compose", COMPOSE));
                done.add(pool.submit(() -> {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + "/stacks"))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 201) {
                        throw new IllegalStateException("POST /stacks answered " + r.statusCode() + ": " + r.body());
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A new browser (empty cache): the dashboard loaded twice; {{ms, bytes} of the first, {ms, bytes} of the second}. */
    static double[][] load(String root, int rows) {
        ChromeDriver driver = browser();
        try {
            driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", marker(rows)));
            double[] first = measure(driver, root);
            driver.get("about:blank");
            double[] second = measure(driver, root);
            return new double[][] {first, second};
        } finally {
            driver.quit();
        }
    }

    private static double[] measure(ChromeDriver driver, String root) {
        driver.get(root);
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        wait.until(d -> driver.executeScript("return window.__cmRendered") != null);
        double ms = ((Number) driver.executeScript("return window.__cmRendered")).doubleValue();
        // the requests of the first render are over; let the ones started with it (health) end too
        sleep(500);
        double bytes = ((Number) driver.executeScript("const n = performance.getEntriesByType('navigation')[0];"
                + " return (n ? n.transferSize : 0) + performance.getEntriesByType('resource')"
                + ".reduce((s, e) => s + (e.transferSize || 0), 0);")).doubleValue();
        if (Boolean.getBoolean("console.bench.verbose")) {
            System.out.println(driver.executeScript("const n = performance.getEntriesByType('navigation')[0];"
                    + " return [n].concat(performance.getEntriesByType('resource')).map(e => Math.round(e.startTime) + '-'"
                    + " + Math.round(e.responseEnd) + ' ms ' + e.transferSize + ' B ' + e.name.replace(location.origin, ''))"
                    + ".join('\\n');"));
        }
        return new double[] {ms, bytes};
    }

    /** The script that records when the dashboard has rendered its first page of rows (ms since navigation start). */
    private static String marker(int rows) {
        return "window.__cmRendered = null;"
                + "new MutationObserver((records, observer) => {"
                + "  const main = document.getElementById('main');"
                + "  if (main && main.dataset.view === 'dashboard'"
                + "      && document.querySelectorAll('#stacks tbody tr').length >= " + rows + ") {"
                + "    window.__cmRendered = performance.now(); observer.disconnect(); }"
                + "}).observe(document, {subtree: true, childList: true, attributes: true});";
    }

    private static ChromeDriver browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,800", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
