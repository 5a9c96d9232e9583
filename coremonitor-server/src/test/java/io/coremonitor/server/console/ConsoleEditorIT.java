package io.coremonitor.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coremonitor.docker.testing.RequiresDocker;
import io.coremonitor.docker.testing.TestImages;
import io.coremonitor.docker.testing.TestLabels;
import io.coremonitor.server.internal.ApiClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The definition editor and the versions page in a real Chromium against the server jar and the real Docker engine:
 * an error shown at its line while typing, saving, the plan shown before every apply and rollback, a side-by-side
 * diff, the stale-parent dialog (reload, save anyway) and the identical-definition answer.
 */
@RequiresDocker
class ConsoleEditorIT {

    static final String CM = "document.querySelector('#definition .CodeMirror').CodeMirror";

    @RegisterExtension
    static final ConsoleServer SERVER = new ConsoleServer("console-editor");

    static String root() {
        return SERVER.root();
    }

    static String definition(String greeting) {
        return String.join("\n",
            "services:",
            "  web:",
            "    image: " + TestImages.BUSYBOX,
            "    command: [sh, -c, 'while true; do echo tick $$(date +%s); sleep 1; done']",
            "    environment:",
            "      GREETING: " + greeting,
            "");
    }

    static void awaitDone(String commandId) {
        SERVER.awaitDone(commandId);
    }

    /** The editor's line numbers (1-based) that carry a lint marker of this severity in the gutter. */
    @SuppressWarnings("unchecked")
    static List<String> markedLines(ConsoleBrowser b, String severity) {
        return (List<String>) b.script("return Array.from(document.querySelectorAll('#definition .CodeMirror-code > div'))"
            + ".filter(d => d.querySelector('.CodeMirror-lint-marker-' + arguments[0]))"
            + ".map(d => d.querySelector('.CodeMirror-linenumber').textContent)", severity);
    }

    /** Clicks once no toast covers the page's corner (a toast may lie over a row's buttons). */
    static void clickFree(ConsoleBrowser b, String css) {
        b.await(d -> d.findElements(By.cssSelector("#toasts .toast")).isEmpty(), Duration.ofSeconds(15));
        WebElement e = b.css(css);
        b.script("arguments[0].scrollIntoView({block: 'center'})", e);
        b.click(css);
    }

    /** Types into the editor (CodeMirror keeps its input field out of sight: keys go to the focused element). */
    static void type(ConsoleBrowser b, CharSequence... keys) {
        b.script(CM + ".focus()");
        new Actions(b.driver()).sendKeys(keys).perform();
    }

    static String stackIdFromUrl(ConsoleBrowser b) {
        String url = b.driver().getCurrentUrl();
        return url.replaceFirst("^.*#/stacks/([^/?]+).*$", "$1");
    }

    /** Opens the plan of a row's action, checks it lists an action of {@code kind}, confirms; returns the command. */
    static String confirmPlan(ConsoleBrowser b, String version, String action, String kind, String screenshot) {
        clickFree(b, "tr[data-version='" + version + "'] button[data-action='" + action + "']");
        WebElement row = b.css("dialog.dialog tr.plan-action[data-kind='" + kind + "']");
        assertThat(row.getText()).contains("web");
        assertThat(b.css("dialog.dialog #plan-summary").getText()).contains(version);
        if (screenshot != null) {
            b.screenshot(screenshot);
        }
        Object before = b.script("const c = document.querySelector('#command-status [data-command-id]');"
            + " return c ? c.dataset.commandId : ''");
        b.click("dialog.dialog button[data-action='confirm']");
        String id = b.await(d -> {
            Object now = b.script("const c = document.querySelector('#command-status [data-command-id]');"
                + " return c && c.textContent.includes(arguments[0]) ? c.dataset.commandId : ''", version);
            return now != null && !"".equals(now) && !now.equals(before) ? (String) now : null;
        });
        return id;
    }

    @Test
    void anErrorShowsAtItsLineWhileTypingThenSaveApplyEditDiffApplyAndRollBackEachAfterItsPlan() {
        String name = TestLabels.uniqueName("console-edit");
        try (ConsoleBrowser b = new ConsoleBrowser(root())) {
            b.open("#/new");
            b.css("#main[data-view=editor]");
            // the empty editor shows an example definition, greyed out and not part of the text
            b.awaitText("#definition .CodeMirror-placeholder", "image: nginx");
            assertThat(b.script("return " + CM + ".getValue()")).isEqualTo("");
            b.css("#stack-name").sendKeys(name);

            // set lines 1-6, then type line 7 with a port out of range: the error appears at line 7 while typing
            b.script(CM + ".setValue(arguments[0]); " + CM + ".focus(); " + CM + ".setCursor(" + CM + ".lineCount(), 0)",
                definition("hello"));
            type(b, "    ports: ['99999:80']");
            b.await(d -> markedLines(b, "error").equals(List.of("7")));
            b.awaitText("#problems li[data-severity=error]", "line 7");
            b.awaitText("#problems li[data-severity=error]", "out of range");
            assertThat(b.css("#validation-status").getAttribute("data-state")).isEqualTo("invalid");
            assertThat(b.css("#save").isEnabled()).isFalse();
            b.screenshot("editor");

            // fix it (the line goes), type a comment line: valid, saving is possible
            b.script(CM + ".setValue(arguments[0]); " + CM + ".focus(); " + CM + ".setCursor(" + CM + ".lineCount(), 0)",
                definition("hello"));
            type(b, "# a greeting service");
            b.css("#validation-status[data-state=valid]");
            b.await(d -> b.css("#save").isEnabled());
            assertThat(markedLines(b, "error")).isEmpty();
            b.css("#comment").sendKeys("first version");
            b.click("#save");

            b.css("#main[data-view=versions]");
            String id = stackIdFromUrl(b);
            SERVER.track(id);
            b.awaitText("tr[data-version='v1']", "first version");

            // apply v1: the plan first (create), then the command
            String apply1 = confirmPlan(b, "v1", "apply", "CREATE", null);
            awaitDone(apply1);
            b.css("tr[data-version='v1'][data-current='true']");
            b.awaitText("#command-status", "DONE");

            // edit: v2 changes an environment variable
            clickFree(b, "#edit");
            b.css("#main[data-view=editor]");
            b.awaitText("#parent-version", "v1");
            b.css("#validation-status[data-state=valid]");
            assertThat((String) b.script("return " + CM + ".getValue()")).contains("GREETING: hello");
            b.script(CM + ".setValue(" + CM + ".getValue().replace('GREETING: hello', 'GREETING: bonjour'))");
            b.css("#comment").sendKeys("say bonjour");
            b.css("#validation-status[data-state=valid]");
            b.await(d -> b.css("#save").isEnabled());
            b.click("#save");

            b.css("#main[data-view=versions]");
            b.awaitText("tr[data-version='v2']", "say bonjour");
            // the diff v1 -> v2: the changed line on both sides, the field summary names environment
            b.awaitText("#diff td.diff-line.diff-del[data-side=left]", "hello");
            b.awaitText("#diff td.diff-line.diff-add[data-side=right]", "bonjour");
            assertThat(b.css("#diff-fields li[data-service=web]").getText()).contains("environment");
            assertThat(b.css("#diff-left").getAttribute("value")).isEqualTo("v1");
            assertThat(b.css("#diff-right").getAttribute("value")).isEqualTo("v2");
            // one picture shows the history and the diff below it
            b.screenshot("versions");

            // apply v2 (recreate), then roll back to v1, each after its plan
            String apply2 = confirmPlan(b, "v2", "apply", "RECREATE", "plan");
            awaitDone(apply2);
            b.css("tr[data-version='v2'][data-current='true']");
            String rollback = confirmPlan(b, "v1", "rollback", "RECREATE", null);
            awaitDone(rollback);
            b.css("tr[data-version='v1'][data-current='true']");
            assertThat(SERVER.api().get("/stacks/" + id).json().path("current_version").asText()).isEqualTo("v1");

            b.assertNoConsoleErrors();
        }
    }

    @Test
    void anIdenticalDefinitionSavesNothingAndAStaleParentOffersReloadAndSaveAnyway() {
        String name = TestLabels.uniqueName("console-stale");
        ApiClient.Answer created = SERVER.api().post("/stacks", ApiClient.json(Map.of("name", name, "compose", definition("one"))));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().path("stack_id").asText();
        SERVER.track(id);
        try (ConsoleBrowser b = new ConsoleBrowser(root())) {
            b.open("#/stacks/" + id + "/edit");
            b.css("#main[data-view=editor]");
            b.css("#validation-status[data-state=valid]");
            b.await(d -> b.css("#save").isEnabled());
            b.click("#save");
            b.awaitText("#no-change", "No change: the definition is identical to v1");

            // someone saves v2 meanwhile; saving on top of v1 is explained, "save anyway" makes v3 after v2
            assertThat(SERVER.api().post("/stacks/" + id + "/versions", ApiClient.json(Map.of("compose", definition("two"))))
                .status()).isEqualTo(201);
            b.script(CM + ".setValue(" + CM + ".getValue().replace(/GREETING: .*/, 'GREETING: browser'))");
            b.css("#validation-status[data-state=valid]");
            b.await(d -> b.css("#save").isEnabled());
            b.click("#save");
            b.awaitText("#stale-parent", "v2 has been saved since then");
            b.click("#stale-parent button[data-action='save-anyway']");
            b.css("#main[data-view=versions]");
            b.css("tr[data-version='v3']");
            JsonNode v3 = SERVER.api().get("/stacks/" + id + "/versions/v3").json();
            assertThat(v3.path("parent_version").asText()).isEqualTo("v2");
            assertThat(v3.path("compose").path("services").path("web").path("environment").path("GREETING").asText())
                .isEqualTo("browser");

            // again, with "reload": the latest is shown and the user's text stays available to copy
            b.go("#/stacks/" + id + "/edit");
            b.css("#main[data-view=editor]");
            b.awaitText("#parent-version", "v3");
            assertThat(SERVER.api().post("/stacks/" + id + "/versions", ApiClient.json(Map.of("compose", definition("four"))))
                .status()).isEqualTo(201);
            b.script(CM + ".setValue(" + CM + ".getValue().replace(/GREETING: .*/, 'GREETING: mine'))");
            // the editor reads the latest version every 15 s: the newer one is announced before saving
            b.awaitText("#newer-version", "v4 has been saved since you opened v3");
            b.css("#validation-status[data-state=valid]");
            b.await(d -> b.css("#save").isEnabled());
            b.script(CM + ".focus()");
            new Actions(b.driver()).keyDown(Keys.CONTROL).sendKeys("s").keyUp(Keys.CONTROL).perform();
            b.awaitText("#stale-parent", "v4 has been saved since then");
            b.click("#stale-parent button[data-action='reload']");
            b.awaitText("#parent-version", "v4");
            b.await(d -> String.valueOf(b.script("return " + CM + ".getValue()")).contains("GREETING: four"));
            assertThat(b.css("#kept-text").getAttribute("value")).contains("GREETING: mine");

            // the phone layout: nothing wider than the screen
            b.resize(ConsoleBrowser.PHONE);
            b.go("#/stacks/" + id + "/versions");
            b.css("#main[data-view=versions]");
            b.css("#diff td.diff-line");
            assertThat((Boolean) b.script("return document.documentElement.scrollWidth <= window.innerWidth")).isTrue();
            b.screenshot("versions-phone");
            b.go("#/stacks/" + id + "/edit");
            b.css("#main[data-view=editor]");
            b.css("#validation-status[data-state=valid]");
            assertThat((Boolean) b.script("return document.documentElement.scrollWidth <= window.innerWidth")).isTrue();
            b.screenshot("editor-phone");

            b.assertNoConsoleErrors();
        }
    }

    /**
     * The answers the normal flow never gets, forced by replacing the page's fetch for one route: a 422 of the real
     * server (validation answered "valid" by a stub, so the bad port reaches POST /stacks) shows its errors at their
     * lines; a plan that cannot be computed (a stubbed 503, as when Docker is down) is explained and nothing is
     * enqueued.
     */
    @Test
    void a422ShowsItsErrorsAtTheirLinesAndAPlanThatFailsEnqueuesNothing() {
        String name = TestLabels.uniqueName("console-refused");
        try (ConsoleBrowser b = new ConsoleBrowser(root())) {
            b.open("#/new");
            b.css("#main[data-view=editor]");
            b.script("const real = window.fetch; window.fetch = (url, init) => String(url).endsWith('/api/v1/validate')"
                + " ? Promise.resolve(new Response('{\"valid\":true,\"errors\":[],\"warnings\":[]}',"
                + " {status: 200, headers: {'Content-Type': 'application/json'}})) : real(url, init)");
            b.css("#stack-name").sendKeys(name);
            b.script(CM + ".setValue(arguments[0])", definition("hello") + "    ports: ['99999:80']\n");
            b.css("#validation-status[data-state=valid]");
            b.await(d -> b.css("#save").isEnabled());
            b.click("#save");
            b.awaitText("#save-result", "Not saved");
            b.await(d -> markedLines(b, "error").equals(List.of("7")));
            b.awaitText("#problems li[data-severity=error]", "line 7");
            assertThat(SERVER.api().get("/stacks?name=" + name).json().path("items")).isEmpty();
            List<String> errors = b.consoleMessages().stream().filter(m -> m.startsWith("SEVERE")).toList();
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0)).contains("422");
        }

        ApiClient.Answer created = SERVER.api().post("/stacks", ApiClient.json(Map.of("name", name, "compose", definition("one"))));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().path("stack_id").asText();
        SERVER.track(id);
        try (ConsoleBrowser b = new ConsoleBrowser(root())) {
            b.open("#/stacks/" + id + "/versions");
            b.css("#main[data-view=versions]");
            b.script("const real = window.fetch; window.fetch = (url, init) => String(url).includes('/plan/')"
                + " ? Promise.resolve(new Response(JSON.stringify({title: 'Service Unavailable', status: 503,"
                + " detail: 'Docker is unreachable'}), {status: 503, headers: {'Content-Type': 'application/problem+json'}}))"
                + " : real(url, init)");
            b.click("tr[data-version='v1'] button[data-action='apply']");
            b.awaitText("#plan-error", "Docker does not answer");
            b.awaitText("#plan-error", "Nothing was enqueued");
            assertThat(b.all(By.cssSelector("dialog.dialog"))).isEmpty();
            assertThat(SERVER.api().get("/commands?stack_id=" + id).json().path("items")).isEmpty();
            b.assertNoConsoleErrors();
        }
    }
}
