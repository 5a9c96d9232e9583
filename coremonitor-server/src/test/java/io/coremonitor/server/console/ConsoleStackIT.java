package io.coremonitor.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import io.coremonitor.docker.testing.RequiresDocker;
import io.coremonitor.docker.testing.TestImages;
import io.coremonitor.docker.testing.TestLabels;
import io.coremonitor.server.internal.ApiClient;
import io.coremonitor.server.reliability.RelServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The stack page in a real Chromium against the server jar and the real Docker engine: the services with their state
 * and image, the combined logs of both services (a colour each, filter, follow, download), stopping and starting a
 * service from the page without a reload, a published port as a link, the uPlot charts, the phone layout.
 */
@RequiresDocker
class ConsoleStackIT {

    @TempDir
    Path dir;

    static String compose() {
        return "services:\n"
                + "  ticker:\n"
                + "    image: " + TestImages.BUSYBOX + "\n"
                + "    command: [sh, -c, 'for i in $$(seq 1 60); do echo boot $$i; done;"
                + " while true; do echo tick $$(date +%s); sleep 1; done']\n"
                + "    stop_signal: SIGKILL\n"
                + "  web:\n"
                + "    image: " + TestImages.BUSYBOX + "\n"
                + "    command: [sh, -c, 'echo web-ready; echo web-warning >&2; mkdir -p /www; echo ok > /www/index.html;"
                + " exec httpd -f -p 8080 -h /www']\n"
                + "    ports: ['8080']\n"
                + "    stop_signal: SIGKILL\n";
    }

    @Test
    void theStackPageShowsServicesLogsAndChartsLive(DockerClient docker) throws Exception {
        TestImages.requireBusybox(docker);
        try (RelServer server = new RelServer("console-stack", dir.resolve("cm.db").toString(),
                List.of("--stats-interval", "2s")).start()) {
            ApiClient api = new ApiClient(server.base(), Optional.empty());
            String name = TestLabels.uniqueName("console-stack");
            ApiClient.Answer created = api.post("/stacks", ApiClient.json(Map.of("name", name, "compose", compose())));
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            String id = created.json().path("stack_id").asText();
            try {
                assertThat(api.post("/stacks/" + id + "/apply/v1", null).status()).isEqualTo(202);
                Awaitility.await("the stack running").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                        .until(() -> api.get("/stacks/" + id + "/status").json().path("actual").asText(), "RUNNING"::equals);
                try (ConsoleBrowser b = new ConsoleBrowser(ConsoleBrowser.rootOf(server.base()))) {
                    page(b, id, name);
                }
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(e.getMessage() + "\n--- server log ---\n" + tail(server.logText()), e);
            } finally {
                delete(api, id);
            }
        }
    }

    private void page(ConsoleBrowser b, String id, String name) throws Exception {
        // the page counts the log streams it opens and closes (sse.js reads the global fetch at each call)
        b.showRetrying(() -> b.open("#/not-a-page"), "#main h1");
        b.awaitText("#main h1", "Not found");
        b.script("window.__notReloaded = true; window.__logStreams = { opened: 0, closed: 0 }; const f = window.fetch;"
                + " window.fetch = function (url, init) { if (String(url).includes('/logs?follow=true')) {"
                + " window.__logStreams.opened++; init.signal.addEventListener('abort', () => window.__logStreams.closed++); }"
                + " return f.apply(this, arguments); };");
        b.go("#/stacks/" + id);
        b.css("#main[data-view=stack]");
        b.awaitText("#stack-name", name);
        b.css("#stack-state [data-state=RUNNING]");
        b.css("tr[data-service=ticker][data-state=RUNNING]");
        b.css("tr[data-service=web][data-state=RUNNING]");
        assertThat(b.css("tr[data-service=web] .image").getText()).isEqualTo(TestImages.BUSYBOX);
        assertThat(b.css("tr[data-service=ticker] .image").getText()).isEqualTo(TestImages.BUSYBOX);
        assertThat(b.css("#stack-current").getText()).isEqualTo("v1");

        // a published port is a link to this host's port
        WebElement port = b.css("tr[data-service=web] a.port");
        assertThat(port.getAttribute("href")).matches("http://127\\.0\\.0\\.1:\\d+/");
        assertThat(port.getAttribute("target")).isEqualTo("_blank");
        assertThat(port.getAttribute("rel")).isEqualTo("noopener");
        HttpResponse<String> served = java.net.http.HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(port.getAttribute("href"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(served.body()).isEqualTo("ok\n");

        // combined logs: both services, each in its own colour, stderr marked
        b.css(".log-line[data-service=ticker] .log-svc.svc-c0");
        b.css(".log-line[data-service=web] .log-svc.svc-c1");
        b.css(".log-line.log-stderr[data-service=web]");
        b.await(d -> lines(b, "ticker") > 60);
        Object tickerColour = b.script("return getComputedStyle(document.querySelector("
                + "'.log-line[data-service=ticker] .log-svc')).color");
        Object webColour = b.script("return getComputedStyle(document.querySelector("
                + "'.log-line[data-service=web] .log-svc')).color");
        assertThat(tickerColour).isNotEqualTo(webColour);

        // the filter hides the other lines live
        b.css("#log-filter").sendKeys("web-");
        b.await(d -> visible(b, "ticker") == 0 && visible(b, "web") == 2);
        assertThat(b.css("#log-count").getText()).startsWith("2 of ");
        b.css("#log-filter").clear();
        b.css("#log-filter").sendKeys("tick");
        b.await(d -> visible(b, "web") == 0 && visible(b, "ticker") > 0);
        long tickerShown = visible(b, "ticker");
        b.await(d -> visible(b, "ticker") > tickerShown); // new lines that match show up
        clearFilter(b);

        // follow: at the end while on; off keeps the stream but stops scrolling
        b.await(d -> atBottom(b));
        b.click("#log-follow");
        assertThat(b.css("#log-follow").isSelected()).isFalse();
        long top = scrollTop(b);
        long count = lines(b, "ticker");
        b.await(d -> lines(b, "ticker") >= count + 2);
        assertThat(scrollTop(b)).isCloseTo(top, within(2L)); // a line is 19 px: it did not follow (sub-pixel rounding)
        assertThat(atBottom(b)).isFalse();
        b.click("#log-follow");
        b.await(d -> atBottom(b));

        // download: a file of the kept lines
        Path downloads = Files.createDirectories(dir.resolve("downloads"));
        ((ChromeDriver) b.driver()).executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        b.click("#log-download-all");
        Path file = downloads.resolve("stack-" + name + "-logs.txt");
        Awaitility.await("the downloaded logs").atMost(Duration.ofSeconds(20)).until(() -> Files.isRegularFile(file)
                && Files.readString(file, StandardCharsets.UTF_8).contains("web | web-ready"));
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).contains("ticker | boot 1\n").contains("web [stderr] | web-warning");
        assertThat(b.css(".stack-logs").getAttribute("data-last-download")).startsWith("stack-" + name + "-logs.txt:");

        // charts: uPlot canvases with at least two points (the server samples every 2 s, the page polls every 15 s)
        b.css(".chart-group[data-service=ticker] .chart-box[data-metric=cpu] canvas");
        b.await(d -> points(b, "ticker") >= 2 && points(b, "web") >= 2, Duration.ofSeconds(60));
        assertThat(b.all(By.cssSelector(".chart-group[data-service=web] .uplot canvas"))).hasSize(3);
        b.script("window.scrollTo(0, 0)");
        b.screenshot("stack");
        b.script("document.querySelector('.stack-charts').scrollIntoView()");
        b.screenshot("stack-charts");
        b.script("window.scrollTo(0, 0)");

        // stop asks first: cancelled, nothing is queued
        b.click("tr[data-service=web] button[data-action=stop]");
        b.click("dialog[open] button[data-action=cancel]");
        b.await(d -> b.all(By.cssSelector("dialog")).isEmpty());
        assertThat(b.all(By.cssSelector("#stack-commands li"))).isEmpty();

        // stop one service from the page: confirmed, then STOPPED without a reload, its log stream ends
        b.click("tr[data-service=ticker] button[data-action=stop]");
        b.css("dialog[open]");
        b.click("dialog[open] button[data-action=confirm]");
        b.awaitText("#stack-commands li", "Stop ticker");
        b.css("#stack-commands li a[href^='#/commands/']");
        b.css("tr[data-service=ticker][data-state=STOPPED]");
        b.css("tr[data-service=web][data-state=RUNNING]");
        b.css("#stack-commands li[data-status=DONE]");
        b.css(".log-line.log-marker[data-service=ticker]");
        b.css(".log-source[data-service=ticker][data-stream-state=ended]");
        assertThat(b.css("tr[data-service=ticker] button[data-action=stop]").isEnabled()).isFalse();

        // start it again: RUNNING, and its log stream is reopened
        b.click("tr[data-service=ticker] button[data-action=start]");
        b.css("tr[data-service=ticker][data-state=RUNNING]");
        b.css(".log-source[data-service=ticker][data-stream-state=open]");
        long after = lines(b, "ticker");
        b.await(d -> lines(b, "ticker") > after);
        assertThat(b.script("return window.__notReloaded === true")).isEqualTo(true);

        // phone: no horizontal scrolling, the service cards and their buttons usable, charts as wide as the screen
        b.resize(ConsoleBrowser.PHONE);
        b.await(d -> (Boolean) b.script("return document.documentElement.scrollWidth <= window.innerWidth"));
        b.await(d -> (Boolean) b.script("return [...document.querySelectorAll('.uplot')]"
                + ".every(u => u.getBoundingClientRect().right <= window.innerWidth)"));
        assertThat(b.css("tr[data-service=ticker] button[data-action=restart]").isDisplayed()).isTrue();
        assertThat(b.css("#log-filter").isDisplayed()).isTrue();
        b.screenshot("stack-phone");
        b.resize(ConsoleBrowser.DESKTOP);

        helpers(b);

        // leaving the page closes every log stream it opened (two, and the one reopened after the start)
        b.go("#/not-a-page");
        b.awaitText("#main h1", "Not found");
        b.await(d -> (Boolean) b.script("const s = window.__logStreams; return s.opened >= 3 && s.closed === s.opened"));
        b.assertNoConsoleErrors();
    }

    /** The page's pure helpers: network rates from counters (none across a new container or a reset), ports. */
    private static void helpers(ConsoleBrowser b) {
        Object out = ((JavascriptExecutor) b.driver()).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " const app = document.querySelector('script[type=module]').src;"
                + " Promise.all([import(new URL('views/stack-charts.js', app)), import(new URL('views/stack-services.js', app))])"
                + ".then(([c, s]) => { const at = (t, id, rx, tx) => ({ sampled_at: '2026-01-01T00:00:' + t + 'Z',"
                + " container_id: id, cpu_percent: 1, mem_usage: 10, net_rx: rx, net_tx: tx });"
                + " const r = c.toSeries([at('00', 'a', 100, 50), at('10', 'a', 1100, 50), at('20', 'b', 10, 0),"
                + " at('30', 'b', 5, 20)]);"
                + " done(JSON.stringify({ x: r.x.length, rx: r.rx, tx: r.tx, ports: s.publishedPorts(['0.0.0.0:32768->8080/tcp',"
                + " ':::32768->8080/tcp', '8081/tcp', '127.0.0.1:5353->53/udp']), states: ['running', 'exited', 'dead',"
                + " 'missing'].map(s.stateOf) })); }).catch((e) => done('failed: ' + e));");
        assertThat(out).isEqualTo("{\"x\":4,\"rx\":[null,100,null,null],\"tx\":[null,0,null,2],"
                + "\"ports\":[{\"public\":\"32768\",\"private\":\"8080\",\"proto\":\"tcp\"},"
                + "{\"public\":\"5353\",\"private\":\"53\",\"proto\":\"udp\"}],"
                + "\"states\":[\"RUNNING\",\"STOPPED\",\"FAILED\",\"UNKNOWN\"]}");
    }

    private static void clearFilter(ConsoleBrowser b) {
        b.css("#log-filter").clear();
        b.script("document.getElementById('log-filter').dispatchEvent(new Event('input'))");
        b.await(d -> visible(b, "web") >= 2);
    }

    private static long lines(ConsoleBrowser b, String service) {
        return (Long) b.script("return document.querySelectorAll('.log-line[data-service=' + arguments[0] + ']').length",
                service);
    }

    private static long visible(ConsoleBrowser b, String service) {
        return (Long) b.script("return [...document.querySelectorAll('.log-line[data-service=' + arguments[0] + ']')]"
                + ".filter(l => !l.hidden).length", service);
    }

    private static boolean atBottom(ConsoleBrowser b) {
        return (Boolean) b.script("const l = document.getElementById('log-body');"
                + " return l.scrollHeight > l.clientHeight && l.scrollHeight - l.scrollTop - l.clientHeight < 2");
    }

    private static long scrollTop(ConsoleBrowser b) {
        return ((Number) b.script("return Math.round(document.getElementById('log-body').scrollTop)")).longValue();
    }

    private static long points(ConsoleBrowser b, String service) {
        Object v = b.script("const g = document.querySelector('.chart-group[data-service=' + arguments[0] + ']');"
                + " return g ? Number(g.dataset.points) : 0", service);
        return ((Number) v).longValue();
    }

    private static void delete(ApiClient api, String id) {
        ApiClient.Answer deleted = api.post("/stacks/" + id + "/delete", null);
        if (deleted.status() != 202) {
            return;
        }
        long command = deleted.json().path("command_id").asLong();
        Awaitility.await("the stack deleted").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    JsonNode c = api.get("/commands/" + command).json();
                    return List.of("DONE", "FAILED", "CANCELLED").contains(c.path("status").asText());
                });
    }

    private static String tail(String log) {
        return log.length() > 8000 ? log.substring(log.length() - 8000) : log;
    }
}
