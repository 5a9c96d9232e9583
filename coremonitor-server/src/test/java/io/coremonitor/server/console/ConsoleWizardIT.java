package io.coremonitor.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coremonitor.docker.testing.RequiresDocker;
import io.coremonitor.docker.testing.TestLabels;
import io.coremonitor.server.internal.ApiClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The wizard screen in a real Chromium against the server jar (the plan of the review needs Docker): components,
 * versions and parameters, wiring, review, create. The rules run on the real {@code POST /wizard/validate} and
 * {@code /wizard/preview}, and each error shows at its step next to its field: a taken stack name, a Tomcat version the
 * application cannot run in, a host port another component publishes, a database wired to a component that provides
 * none (and, as a warning, a database requirement two components fit).
 */
@RequiresDocker
class ConsoleWizardIT {

    static final String YAML = "document.querySelector('#wizard-yaml .CodeMirror').CodeMirror";

    @RegisterExtension
    static final ConsoleServer SERVER = new ConsoleServer("console-wizard");

    static String root() {
        return SERVER.root();
    }

    /** A port nothing listens on now (the rules refuse a host port in use). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static String slot(String path) {
        return "[data-error-for='" + path + "']";
    }

    static void add(ConsoleBrowser b, String component) {
        int before = b.all(By.cssSelector("#wizard-chosen li.chosen-item")).size();
        b.click("#wizard-catalog button[data-add='" + component + "']");
        b.await(d -> d.findElements(By.cssSelector("#wizard-chosen li.chosen-item")).size() == before + 1);
    }

    static void type(ConsoleBrowser b, String css, String text) {
        WebElement e = b.css(css);
        e.clear();
        e.sendKeys(text);
    }

    static void awaitStep(ConsoleBrowser b, String step) {
        b.css("#wizard-step .wizard-step-body[data-step='" + step + "']");
        b.css("#wizard-steps button[data-step='" + step + "'][aria-current=step]");
    }

    static void awaitErrors(ConsoleBrowser b, String step, int n) {
        b.css("#wizard-steps button[data-step='" + step + "'][data-errors='" + n + "']");
    }

    @Test
    void eachRuleErrorShowsAtItsStepAndTheReviewShowsTheYamlTheSecretsAndThePlan() throws IOException {
        String taken = TestLabels.uniqueName("wizard-taken");
        ApiClient.Answer existing = SERVER.api().post("/stacks", ApiClient.json(Map.of("name", taken,
            "compose", "services:\n  web:\n    image: nginx:1.27\n")));
        assertThat(existing.status()).as(existing.text()).isEqualTo(201);
        SERVER.track(existing.json().path("stack_id").asText());
        String name = TestLabels.uniqueName("wizard");
        int port = freePort();
        try (ConsoleBrowser b = new ConsoleBrowser(root())) {
            b.open("#/wizard");
            b.css("#main[data-view=wizard]");
            b.css("a[data-nav=wizard][aria-current=page]");
            awaitStep(b, "components");

            // step 1: nothing chosen yet is said at once, without asking the server
            b.click("#wizard-next");
            b.awaitText(slot("name"), "A stack name is required.");
            b.awaitText(slot("components"), "Choose at least one component");
            awaitStep(b, "components");

            // a name a stack has already: the rules say so at the name, and Next stays on step 1
            add(b, "tomcat");
            add(b, "application");
            add(b, "postgresql");
            add(b, "postgresql");
            add(b, "nginx");
            assertThat(b.css("#c3-name").getAttribute("value")).isEqualTo("postgresql-2");
            type(b, "#wizard-name", taken);
            b.awaitText(slot("name"), "exists already");
            b.click("#wizard-next");
            awaitStep(b, "components");
            b.awaitText(slot("name"), "exists already");
            type(b, "#wizard-name", name);
            awaitErrors(b, "components", 0);
            b.click("#wizard-next");

            // step 2: Tomcat 9 cannot run the application; nginx publishes Tomcat's host port
            awaitStep(b, "parameters");
            new Select(b.css("#c0-version")).selectByValue("9");
            type(b, "#c0-param-port", Integer.toString(port));
            type(b, "#c4-param-port", Integer.toString(port));
            b.awaitText(slot("components[0].version"), "Tomcat 9 provides servlet:javax");
            b.awaitText(slot("components[0].version"), "Fix: choose Tomcat 10.1");
            b.awaitText(slot("components[4].parameters.port"), "also published by Tomcat");
            awaitErrors(b, "parameters", 2);
            // the second database's password is typed; the first one's is left to the server
            assertThat(b.css("#c2-gen-password").isSelected()).isTrue();
            b.click("#c3-gen-password");
            b.css("#c3-param-password").sendKeys("typed-db-password");
            // the picture shows the steps and the first error
            b.script("document.getElementById('wizard-steps').scrollIntoView()");
            b.screenshot("wizard");
            b.click("#wizard-next");
            awaitStep(b, "parameters");
            b.await(d -> "c0-version".equals(d.switchTo().activeElement().getAttribute("id")));

            // fixed: the version chosen, nginx's port from the rules' suggestion
            new Select(b.css("#c0-version")).selectByValue("10.1");
            awaitErrors(b, "parameters", 1);
            b.click(slot("components[4].parameters.port") + " button.suggestion");
            awaitErrors(b, "parameters", 0);
            assertThat(b.css("#c4-param-port").getAttribute("value")).isNotEqualTo(Integer.toString(port));
            b.click("#wizard-next");

            // step 3: two databases fit the application's optional database (a warning there); wired to nginx, which
            // provides no database, it is an error; the rules' suggestion fixes it
            awaitStep(b, "wiring");
            b.awaitText(slot("components[1].wiring.database") + " .wizard-warning", "several chosen components provide it");
            b.awaitText("[data-wire-for='application/container']", "tomcat");
            new Select(b.css("#c1-wire-database")).selectByValue("nginx");
            b.awaitText(slot("components[1].wiring.database") + " .wizard-error", "nginx 1.27 does not provide sql");
            awaitErrors(b, "wiring", 1);
            b.click("#wizard-next");
            awaitStep(b, "wiring");
            b.await(d -> "c1-wire-database".equals(d.switchTo().activeElement().getAttribute("id")));
            b.click(slot("components[1].wiring.database") + " button.suggestion[data-suggestion=postgresql]");
            awaitErrors(b, "wiring", 0);
            b.awaitText("[data-wire-for='application/database']", "Wired to postgresql");
            assertThat(b.css("#c1-wire-database").getAttribute("value")).isEqualTo("postgresql");
            b.click("#wizard-next");

            // step 4: the definition (read-only), the secrets and the plan of v1
            awaitStep(b, "review");
            b.css("#review-status[data-state=valid]");
            String yaml = (String) b.script("return " + YAML + ".getValue()");
            assertThat(yaml).contains("image: tomcat:10.1").contains(port + ":8080").contains(name + "-postgresql-password")
                .doesNotContain("typed-db-password");
            assertThat(b.script("return " + YAML + ".getOption('readOnly')")).isEqualTo(true);
            b.awaitText("#wizard-secrets li[data-secret='" + name + "-postgresql-password']", "generated");
            b.awaitText("#wizard-secrets li[data-secret='" + name + "-postgresql-2-password']", "the value you gave");
            b.css("#wizard-plan tr.plan-action[data-kind=CREATE][data-service=tomcat]");
            b.css("#wizard-plan tr.plan-action[data-kind=CREATE_NETWORK]");
            assertThat(b.script("return document.body.innerText.includes('typed-db-password')")).isEqualTo(false);
            b.script("document.getElementById('wizard-plan').scrollIntoView()");
            b.screenshot("wizard-review");

            // step 5 is the create form; nothing was created on the way
            b.click("#wizard-next");
            awaitStep(b, "create");
            b.css("#wizard-create");
            assertThat(SERVER.api().get("/stacks?name=" + name).json().path("items")).isEmpty();
            assertThat(b.script("return JSON.stringify(Object.assign({}, localStorage, sessionStorage)) + location.href"))
                .asString().doesNotContain("typed-db-password");
            b.assertNoConsoleErrors();

            // the phone layout: nothing wider than the screen
            b.resize(ConsoleBrowser.PHONE);
            b.click("#wizard-steps button[data-step=components]");
            awaitStep(b, "components");
            assertThat((Boolean) b.script("return document.documentElement.scrollWidth <= window.innerWidth")).isTrue();
            b.click("#wizard-steps button[data-step=parameters]");
            awaitStep(b, "parameters");
            assertThat((Boolean) b.script("return document.documentElement.scrollWidth <= window.innerWidth")).isTrue();
            b.screenshot("wizard-phone");
            b.assertNoConsoleErrors();
        }
    }

    /** From the components to the create step, then Create and apply ({@code POST /wizard/stacks}): v1 runs, its page opens. */
    @Test
    void theCreateStepMakesAndAppliesTheStackAndOpensItsPage() throws IOException {
        String name = TestLabels.uniqueName("wizard-create");
        int port = freePort();
        try (ConsoleBrowser b = new ConsoleBrowser(root())) {
            b.open("#/wizard");
            b.css("#main[data-view=wizard]");
            type(b, "#wizard-name", name);
            add(b, "tomcat");
            add(b, "application");
            b.click("#wizard-next");
            awaitStep(b, "parameters");
            new Select(b.css("#c0-version")).selectByValue("10");
            type(b, "#c0-param-port", Integer.toString(port));
            awaitErrors(b, "parameters", 0);
            b.click("#wizard-next");
            awaitStep(b, "wiring");
            b.awaitText("[data-wire-for='application/container']", "tomcat");
            b.click("#wizard-next");
            awaitStep(b, "review");
            b.css("#review-status[data-state=valid]");
            b.click("#wizard-next");
            awaitStep(b, "create");
            assertThat(b.css("#wizard-apply").isSelected()).isFalse();
            b.click("#wizard-apply");
            b.css("#wizard-comment").sendKeys("made by the wizard");
            b.click("#wizard-create");

            b.css("#main[data-view=stack]");
            String id = b.driver().getCurrentUrl().replaceFirst("^.*#/stacks/([^/?]+).*$", "$1");
            SERVER.track(id);
            JsonNode stack = SERVER.api().get("/stacks/" + id).json();
            assertThat(stack.path("name").asText()).isEqualTo(name);
            assertThat(stack.path("latest_version").asText()).isEqualTo("v1");
            JsonNode v1 = SERVER.api().get("/stacks/" + id + "/versions/v1").json();
            assertThat(v1.path("metadata").path("comment").asText()).isEqualTo("made by the wizard");
            assertThat(v1.path("compose").path("services").path("tomcat").path("image").asText()).isEqualTo("tomcat:10");
            // applied at once: the stack runs, as its page says
            org.awaitility.Awaitility.await("the wizard's stack running").atMost(java.time.Duration.ofMinutes(3))
                .pollInterval(java.time.Duration.ofMillis(500))
                .until(() -> "RUNNING".equals(SERVER.api().get("/stacks/" + id + "/status").json().path("actual").asText()));
            b.awaitToast("Created " + name + " (v1)");
            b.assertNoConsoleErrors();
        }
    }
}
