package io.coremonitor.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import io.coremonitor.docker.testing.RequiresDocker;
import io.coremonitor.docker.testing.TestImages;
import io.coremonitor.docker.testing.TestLabels;
import io.coremonitor.server.internal.ApiClient;
import io.coremonitor.server.reliability.RelServer;
import io.coremonitor.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The dashboard in a real Chromium against the server jar and the real Docker engine: a stack applied through the
 * API while the page is open goes DEPLOYING then RUNNING without a reload; a stack name that is HTML shows as text;
 * the filter by name; a halted queue with Retry and Cancel (Cancel works); the phone layout; no console error.
 */
@RequiresDocker
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleDashboardIT {

    static final String TICK = "services:\n  app:\n    image: " + TestImages.BUSYBOX + "\n"
            + "    command: [sh, -c, 'while true; do echo tick $$(date +%s); sleep 1; done']\n";
    static final String MISSING = "services:\n  app:\n    image: coremonitor-test/none:missing\n";
    static final String XSS = "<img src=x onerror=alert(1)>";

    @TempDir
    static Path dir;

    static RelServer server;
    static ApiClient api;
    static final List<String> STACKS = new ArrayList<>();
    static String web;
    static String webName;
    static String xss;

    @BeforeAll
    static void start(DockerClient docker) throws Exception {
        ConsoleBrowser.requireAvailable();
        TestImages.requireBusybox(docker);
        Path db = dir.resolve("cm.db");
        server = new RelServer("console-dashboard", db.toString(), List.of("--queue-on-failure", "halt")).start();
        api = new ApiClient(server.base(), Optional.empty());
        webName = TestLabels.uniqueName("dash-web");
        web = createStack(webName, TICK);
        // the API refuses such a name: written to the store directly, as an older server or another client might have
        xss = "xss-" + UUID.randomUUID().toString().substring(0, 8);
        try (Store store = Store.openSqlite(db)) {
            store.stacks().create(xss, XSS);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server == null) {
            return;
        }
        try (Store store = Store.openSqlite(dir.resolve("cm.db"))) {
            // never applied, nothing in Docker: removed from the store directly, as it was made
            store.stacks().delete(xss);
            for (String id : STACKS) {
                api.post("/stacks/" + id + "/delete", "{}");
            }
            Awaitility.await("the deletes ran").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        JsonNode q = api.get("/queue").json();
                        return q.path("pending").asLong() == 0 && q.path("running").isNull();
                    });
        } finally {
            server.close();
        }
    }

    static String createStack(String name, String compose) {
        ApiClient.Answer a = api.post("/stacks", ApiClient.json(Map.of("name", name, "compose", compose)));
        assertThat(a.status()).as(a.text()).isEqualTo(201);
        String id = a.json().path("stack_id").asText();
        STACKS.add(id);
        return id;
    }

    static long apply(String stackId) {
        ApiClient.Answer a = api.post("/stacks/" + stackId + "/apply/v1", "{}");
        assertThat(a.status()).as(a.text()).isEqualTo(202);
        return a.json().path("command_id").asLong();
    }

    static String commandStatus(long id) {
        return api.get("/commands/" + id).json().path("status").asText();
    }

    static String row(String stackId) {
        return "#stacks tr[data-stack-id='" + stackId + "']";
    }

    @Test
    @Order(1)
    void aStackGoesDeployingThenRunningLiveItsNameIsTextAndTheFilterFindsIt() {
        try (ConsoleBrowser b = new ConsoleBrowser(ConsoleBrowser.rootOf(server.base()))) {
            b.open("");
            b.css("#main[data-view=dashboard]");
            b.css(row(web) + "[data-state=UNKNOWN]");

            // a name that is HTML is shown as that text: no element made of it, no alert
            String xssRow = row(xss);
            assertThat(b.css(xssRow + " a.stack-name").getText()).isEqualTo(XSS);
            assertThat(b.script("return document.querySelectorAll('#main img').length")).isEqualTo(0L);
            assertThat(b.css(xssRow + " a.stack-name").getAttribute("href")).endsWith("#/stacks/" + xss);

            // the states the row shows, recorded by the page itself, while an APPLY queued through the API runs
            b.script("window.__marker = 1; window.__states = [];"
                    + "const seen = () => { const r = document.querySelector(arguments[0]);"
                    + " const s = r ? r.dataset.state : null;"
                    + " if (s && window.__states[window.__states.length - 1] !== s) { window.__states.push(s); } };"
                    + "seen(); new MutationObserver(seen).observe(document.getElementById('main'),"
                    + " {subtree: true, childList: true, attributes: true});", row(web));
            long applyId = apply(web);
            b.css(row(web) + "[data-state=RUNNING]");
            assertThat(commandStatus(applyId)).isEqualTo("DONE");
            @SuppressWarnings("unchecked")
            List<Object> states = (List<Object>) b.script("return window.__states");
            assertThat(states).as("states shown").containsSubsequence("UNKNOWN", "DEPLOYING", "RUNNING");
            assertThat(b.script("return window.__marker")).as("the same page, never reloaded").isEqualTo(1L);
            b.awaitText(row(web) + " .col-command", "Apply #" + applyId);
            assertThat(b.css(row(web) + " .col-command [data-state]").getText()).isEqualTo("DONE");
            assertThat(b.css(row(web) + " .col-command a").getAttribute("href")).endsWith("#/commands/" + applyId);
            assertThat(b.css(row(web) + " .col-version").getText()).contains("v1");

            // filter by name (server-side): only the matching stack stays
            b.css("#stack-filter").sendKeys(webName.substring(4));
            b.await(d -> b.all(By.cssSelector("#stacks tbody tr")).size() == 1);
            b.css(row(web));
            b.css("#stack-filter").clear();
            b.css("#stack-filter").sendKeys("<img");
            b.await(d -> b.all(By.cssSelector("#stacks tbody tr")).size() == 1 && !b.all(By.cssSelector(xssRow)).isEmpty());
            b.css("#stack-filter").clear();
            b.css("#stack-filter").sendKeys("no-such-stack-" + UUID.randomUUID());
            b.awaitText("#empty", "No stack name contains");
            assertThat(b.script("return window.__marker")).isEqualTo(1L);

            // the phone: the list is still usable, no horizontal page scroll
            b.css("#stack-filter").clear();
            b.css("#stack-filter").sendKeys(webName);
            b.css(row(web));
            b.resize(ConsoleBrowser.PHONE);
            b.await(d -> (Boolean) b.script("return document.documentElement.scrollWidth <= window.innerWidth"));
            assertThat(b.css(row(web) + " a.stack-name").isDisplayed()).isTrue();
            assertThat(b.css(row(web) + " .col-state [data-state=RUNNING]").isDisplayed()).isTrue();
            assertThat(b.css("#queue").isDisplayed()).isTrue();
            b.screenshot("dashboard-phone");
            b.assertNoConsoleErrors();
        }
    }

    @Test
    @Order(2)
    void aHaltedQueueShowsItsCommandWithRetryAndCancelAndCancelWorks() {
        try (ConsoleBrowser b = new ConsoleBrowser(ConsoleBrowser.rootOf(server.base()))) {
            b.open("");
            b.css("#main[data-view=dashboard]");
            b.script("window.__marker = 2;");
            // created and applied through the API while the page is open: its row appears without a reload
            String broken = createStack(TestLabels.uniqueName("dash-broken"), MISSING);
            long failing = apply(broken);

            // the pull fails (no registry here): the command FAILS and halts the queue, shown live
            b.css("#queue-halted[data-command-id='" + failing + "']");
            assertThat(commandStatus(failing)).isEqualTo("FAILED");
            b.css(row(broken) + "[data-state=FAILED]");
            b.css(row(broken) + " .col-command [data-state=FAILED]");
            assertThat(b.css(row(broken) + " .command-error").getText()).isNotBlank();
            assertThat(b.css("#queue-halted [data-action=retry]").getText()).isEqualTo("Retry");
            assertThat(b.css("#queue-halted [data-action=cancel]").getText()).isEqualTo("Cancel");
            b.css(row(web) + "[data-state=RUNNING]");
            b.screenshot("dashboard");

            b.click("#queue-halted [data-action=cancel]");
            b.click("dialog [data-action=confirm]");
            b.await(ExpectedConditions.invisibilityOfElementLocated(By.id("queue-halted")));
            assertThat(commandStatus(failing)).isEqualTo("CANCELLED");
            b.css(row(broken) + " .col-command [data-state=CANCELLED]");
            b.awaitText("#queue-pending", "0");
            assertThat(b.script("return window.__marker")).as("the same page, never reloaded").isEqualTo(2L);
            b.assertNoConsoleErrors();
        }
    }
}
