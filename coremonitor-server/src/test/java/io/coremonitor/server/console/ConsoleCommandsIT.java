package io.coremonitor.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import io.coremonitor.docker.testing.RequiresDocker;
import io.coremonitor.docker.testing.TestImages;
import io.coremonitor.docker.testing.TestLabels;
import io.coremonitor.server.internal.ApiClient;
import io.coremonitor.server.reliability.RelServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The Commands, Command and Events screens in a real Chromium against the server jar (queue halted on failure) and
 * the real Docker engine: a FAILED head (an image that cannot be pulled) halts the queue and its reason shows in the
 * queue panel, in the list and on its page; a PENDING command behind it is cancelled from the list and shows
 * CANCELLED without a reload; a retry shows the command PENDING again, then FAILED again; the status filter; the log
 * of a real APPLY followed live until its end, DONE without a reload; the events page shows the transitions and the
 * container events, pauses and filters by kind. No browser console error anywhere.
 */
@RequiresDocker
class ConsoleCommandsIT {

    private static final Duration SLOW = Duration.ofSeconds(90);
    /** The elements that reach past the window's right edge (outside a scrolling box), for an assertion message. */
    private static final String TOO_WIDE = "return [...document.querySelectorAll('body *')]"
        + ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1"
        + " && !(e.parentElement && e.parentElement.closest('.table-wrap')))"
        + ".slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"
        + ".join(', ')";

    @TempDir
    Path dir;

    @Test
    void commandsCommandAndEventsScreens(DockerClient docker) throws Exception {
        ConsoleBrowser.requireAvailable();
        TestImages.requireBusybox(docker);
        RelServer server = new RelServer("console-commands", dir.resolve("cm.db").toString(),
            List.of("--queue-on-failure", "halt")).start();
        ApiClient api = new ApiClient(server.base(), Optional.empty());
        List<String> stacks = new ArrayList<>();
        String root = ConsoleBrowser.rootOf(server.base());
        try (ConsoleBrowser b = new ConsoleBrowser(root); ConsoleBrowser ev = new ConsoleBrowser(root)) {
            String badName = TestLabels.uniqueName("cmd-bad");
            String bad = createStack(api, badName, "services:\n  app:\n    image: coremonitor-test/none:missing\n");
            stacks.add(bad);
            String goodName = TestLabels.uniqueName("cmd-good");
            String good = createStack(api, goodName, "services:\n"
                + "  app:\n"
                + "    image: " + TestImages.BUSYBOX + "\n"
                + "    command: [sh, -c, 'while true; do echo tick $$(date +%s); sleep 1; done']\n"
                + "    stop_signal: SIGKILL\n"
                + "    stop_grace_period: 0s\n");
            stacks.add(good);

            // the events page listens from now on
            ev.showRetrying(() -> ev.open("#/events"), "#main[data-view=events]");

            // a FAILED head halts the queue
            long failed = queue(api, "/stacks/" + bad + "/apply/v1");
            JsonNode failedCmd = awaitCommand(api, failed, c -> "FAILED".equals(c.path("status").asText()));
            String reason = failedCmd.path("error").asText();
            assertThat(reason).isNotBlank();
            String reasonStart = reason.substring(0, Math.min(40, reason.length()));

            b.showRetrying(() -> b.open("#/commands"), "#main[data-view=commands]");
            b.script("window.cmdPageMarker = 'still the same page'");
            b.awaitText("#queue-halt", "#" + failed);
            b.awaitText("#queue-halt .queue-halt-reason", reasonStart);
            String row = "tbody.command[data-command-id='" + failed + "']";
            b.css(row + "[data-status=FAILED]");
            WebElement error = b.css(row + " .command-error");
            assertThat(error.isDisplayed()).isTrue();
            assertThat(error.getText()).contains(reasonStart);
            assertThat(b.css(row + " .stack-link").getText()).isEqualTo(badName);

            // a PENDING command behind the halt arrives live and is cancelled from the list
            long pending = queue(api, "/stacks/" + good + "/apply/v1");
            String pendingRow = "tbody.command[data-command-id='" + pending + "']";
            b.css(pendingRow + "[data-status=PENDING]");
            b.awaitText("#queue-pending", "1");
            b.screenshot("commands");
            b.click(pendingRow + " button[data-action=cancel]");
            b.click("dialog button[data-action=confirm]");
            b.css(pendingRow + "[data-status=CANCELLED]");
            assertThat(api.get("/commands/" + pending).json().path("status").asText()).isEqualTo("CANCELLED");
            b.awaitText("#queue-pending", "0");
            assertThat(b.script("return window.cmdPageMarker")).isEqualTo("still the same page");

            // the status filter is kept in the hash
            b.showRetrying(() -> {
                new Select(b.css("#filter-status")).selectByValue("FAILED");
                b.await(d -> d.getCurrentUrl().contains("status=FAILED"));
                b.await(d -> d.findElements(By.cssSelector(pendingRow)).isEmpty());
            }, "#main[data-view=commands]");
            b.css(row + "[data-status=FAILED]");
            assertThat(b.all(By.cssSelector("tbody.command"))).allSatisfy(t ->
                assertThat(t.getAttribute("data-status")).isEqualTo("FAILED"));
            assertThat(new Select(b.css("#filter-status")).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("FAILED");

            // the failed command's page: its reason in plain sight; retry shows it PENDING again, then FAILED again
            b.showRetrying(() -> b.click(row + " a.command-link"), "#main[data-view=command]");
            b.awaitText("#command-error", reasonStart);
            b.css("#command-status [data-state=FAILED]");
            b.click("#command-actions button[data-action=retry]");
            b.css("#command-transitions li[data-from=FAILED][data-status=PENDING]");
            b.css("#command-transitions li[data-from=RUNNING][data-status=FAILED]");
            b.css("#command-status [data-state=FAILED]");
            b.awaitText("#command-attempt", "2");
            b.css("#command-log[data-state=ended]");
            assertThat(b.all(By.cssSelector("#command-log .log-line"))).isNotEmpty();
            b.screenshot("command");

            // a real APPLY waits PENDING behind the halt; its page follows its log live once the head is cancelled
            long apply = queue(api, "/stacks/" + good + "/apply/v1");
            b.showRetrying(() -> b.go("#/commands/" + apply), "#main[data-view=command]");
            b.css("#command-status [data-state=PENDING]");
            b.css("#command-log[data-state=following]");
            b.script("window.cmdPageMarker = 'the apply page'");
            int before = b.all(By.cssSelector("#command-log .log-line")).size();
            ApiClient.Answer cancel = api.post("/commands/" + failed + "/cancel", null);
            assertThat(cancel.status()).as(cancel.text()).isEqualTo(200);
            b.await(d -> d.findElements(By.cssSelector("#command-log .log-line")).size() > before, SLOW);
            b.await(d -> !d.findElements(By.cssSelector("#command-status [data-state=DONE]")).isEmpty(), SLOW);
            b.css("#command-log[data-state=ended]");
            b.css("#command-transitions li[data-from=PENDING][data-status=RUNNING]");
            assertThat(b.all(By.cssSelector("#command-log .log-line")).size()).isGreaterThan(before + 1);
            assertThat(b.script("return window.cmdPageMarker")).isEqualTo("the apply page");
            assertThat(b.css("#command-facts .stack-link").getText()).isEqualTo(goodName);

            // the events page saw the transitions (the retry included) and the apply's container events
            ev.css(".event[data-kind=command][data-command-id='" + failed + "'][data-status=FAILED]");
            ev.css(".event[data-kind=command][data-command-id='" + failed + "'][data-status=PENDING]");
            ev.css(".event[data-kind=command][data-command-id='" + pending + "'][data-status=CANCELLED]");
            ev.css(".event[data-kind=command][data-command-id='" + apply + "'][data-status=RUNNING]");
            ev.css(".event[data-kind=command][data-command-id='" + apply + "'][data-status=DONE]");
            String containerEvent = ".event[data-kind=container][data-stack-id='" + good + "']";
            ev.css(containerEvent);
            ev.await(d -> d.findElement(By.cssSelector(containerEvent + " .stack-link")).getText().equals(goodName));
            ev.screenshot("events");

            // kind filter: containers hidden and shown again
            ev.click("#event-kind-container");
            ev.await(d -> d.findElements(By.cssSelector(".event[data-kind=container]")).stream()
                .noneMatch(WebElement::isDisplayed));
            ev.click("#event-kind-container");
            ev.css(containerEvent);

            // pause: new events are held, then shown on resume
            ev.click("#events-pause");
            long restart = queue(api, "/stacks/" + good + "/actions/restart");
            awaitCommand(api, restart, c -> "DONE".equals(c.path("status").asText()));
            ev.awaitText("#events-state", "held");
            assertThat(ev.all(By.cssSelector(".event[data-command-id='" + restart + "']"))).isEmpty();
            ev.click("#events-pause");
            ev.css(".event[data-kind=command][data-command-id='" + restart + "'][data-status=DONE]");

            // the phone layouts
            b.resize(ConsoleBrowser.PHONE);
            b.showRetrying(() -> b.go("#/commands"), "#main[data-view=commands]");
            b.css("tbody.command[data-command-id='" + apply + "'][data-status=DONE]");
            b.screenshot("commands-phone");
            assertFitsTheWindow(b);
            b.showRetrying(() -> b.go("#/commands/" + apply), "#main[data-view=command]");
            b.css("#command-log[data-state=ended]");
            b.screenshot("command-phone");
            assertFitsTheWindow(b);
            ev.resize(ConsoleBrowser.PHONE);
            ev.screenshot("events-phone");
            assertFitsTheWindow(ev);

            b.assertNoConsoleErrors();
            ev.assertNoConsoleErrors();
        } finally {
            cleanUp(api, stacks);
            server.close();
        }
    }

    private static void assertFitsTheWindow(ConsoleBrowser b) {
        assertThat((Long) b.script("return document.documentElement.scrollWidth - window.innerWidth"))
            .as("the page is no wider than the window; too wide: %s", b.script(TOO_WIDE)).isLessThanOrEqualTo(0L);
    }

    private static String createStack(ApiClient api, String name, String compose) {
        ApiClient.Answer a = api.post("/stacks", ApiClient.json(Map.of("name", name, "compose", compose)));
        assertThat(a.status()).as(a.text()).isEqualTo(201);
        return a.json().path("stack_id").asText();
    }

    private static long queue(ApiClient api, String path) {
        ApiClient.Answer a = api.post(path, null);
        assertThat(a.status()).as(a.text()).isEqualTo(202);
        return a.json().path("command_id").asLong();
    }

    private static JsonNode awaitCommand(ApiClient api, long id, Predicate<JsonNode> done) throws InterruptedException {
        Instant end = Instant.now().plus(SLOW);
        JsonNode c = api.get("/commands/" + id).json();
        while (!done.test(c)) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("command " + id + " is still " + c);
            }
            Thread.sleep(100);
            c = api.get("/commands/" + id).json();
        }
        return c;
    }

    /** Unblocks the queue (a test that failed half-way may leave a FAILED head), then deletes the stacks. */
    private static void cleanUp(ApiClient api, List<String> stacks) throws InterruptedException {
        for (JsonNode c : api.get("/commands?status=FAILED&limit=500").json().path("items")) {
            api.post("/commands/" + c.path("command_id").asLong() + "/cancel", null);
        }
        List<Long> deletes = new ArrayList<>();
        for (String id : stacks) {
            ApiClient.Answer a = api.post("/stacks/" + id + "/delete", null);
            if (a.status() == 202) {
                deletes.add(a.json().path("command_id").asLong());
            }
        }
        for (long id : deletes) {
            awaitCommand(api, id, c -> List.of("DONE", "FAILED", "CANCELLED").contains(c.path("status").asText()));
        }
    }
}
