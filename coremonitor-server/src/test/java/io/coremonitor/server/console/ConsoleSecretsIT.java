package io.coremonitor.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.coremonitor.docker.testing.TestLabels;
import io.coremonitor.server.internal.ApiClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The secrets screen in a real Chromium against the server jar: a secret created with a generated value that is shown
 * once, masked, with Show and Copy; the list filtered by stack; reveal; replace; a wrong name and a taken name shown at
 * the name field; delete after a confirmation; no value in the URL or the browser's storage; the phone layout.
 */
class ConsoleSecretsIT {

    @RegisterExtension
    static final ConsoleServer SERVER = new ConsoleServer("console-secrets");

    static String root() {
        return SERVER.root();
    }

    static String revealed(String name) {
        ApiClient.Answer a = SERVER.api().post("/secrets/" + name + "/reveal", "{}");
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        return a.json().path("value").asText();
    }

    /** What the page keeps in localStorage, sessionStorage and its URL. */
    static String kept(ConsoleBrowser b) {
        return b.script("return JSON.stringify(Object.assign({}, localStorage)) + JSON.stringify(Object.assign({},"
            + " sessionStorage)) + location.href") + "";
    }

    /** Waits until no toast is shown (they go after a few seconds), for a picture without them. */
    static void awaitNoToast(ConsoleBrowser b) {
        b.await(d -> d.findElements(By.cssSelector("#toasts .toast")).isEmpty());
    }

    @Test
    void aGeneratedValueIsShownOnceAndCopiedThenRevealReplaceAndDelete() {
        String stackName = TestLabels.uniqueName("console-secrets");
        ApiClient.Answer stack = SERVER.api().post("/stacks", ApiClient.json(Map.of("name", stackName,
            "compose", "services:\n  web:\n    image: nginx:1.27\n")));
        assertThat(stack.status()).as(stack.text()).isEqualTo(201);
        String stackId = stack.json().path("stack_id").asText();
        String name = TestLabels.uniqueName("db-password");
        String global = TestLabels.uniqueName("api-key");
        assertThat(SERVER.api().post("/secrets", ApiClient.json(Map.of("name", global, "value", "typed-by-curl"))).status())
            .isEqualTo(201);

        try (ConsoleBrowser b = new ConsoleBrowser(root())) {
            // the page may write to the clipboard, as a user's click allows
            ((ChromeDriver) b.driver()).executeCdpCommand("Browser.grantPermissions", Map.of("origin", root(),
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
            b.open("#/secrets");
            b.css("#main[data-view=secrets]");
            b.css("a[data-nav=secrets][aria-current=page]");
            b.css("#secrets tr[data-name='" + global + "']");

            // a name outside the rule is said at the name field, before anything is sent
            b.css("#secret-name").sendKeys("Not A Name");
            b.click("#secret-create");
            b.awaitText("#secret-name-error", "Use lower-case letters");

            // create with a generated password, for the stack
            b.css("#secret-name").clear();
            b.css("#secret-name").sendKeys(name);
            b.click("#secret-form input[data-mode=generate]");
            new Select(b.css("#secret-stack")).selectByVisibleText(stackName);
            b.click("#secret-create");
            b.css("#secret-created .secret-once[data-secret='" + name + "']");
            assertThat(b.driver().findElement(By.id("secret-name-error")).getText()).isEmpty();
            String value = revealed(name);
            assertThat(value).matches("[A-Za-z0-9]{24}");
            assertThat(b.css("#created-value").getAttribute("type")).isEqualTo("password");
            assertThat(b.script("return document.getElementById('created-value').value")).isEqualTo(value);
            // the value is no attribute of the page's HTML
            assertThat(b.script("return document.documentElement.outerHTML.includes(arguments[0])", value)).isEqualTo(false);
            b.click("#secret-created button[data-action=show]");
            b.await(d -> "text".equals(b.css("#created-value").getAttribute("type")));
            awaitNoToast(b);
            b.screenshot("secrets");

            // Copy puts the value on the clipboard
            b.script("window.copied = null; const real = navigator.clipboard.writeText.bind(navigator.clipboard);"
                + " navigator.clipboard.writeText = (t) => { window.copied = t; return real(t); }");
            b.click("#secret-created button[data-action=copy]");
            b.awaitToast("Copied to the clipboard.");
            assertThat(b.script("return window.copied")).isEqualTo(value);
            b.script("window.copied = null");

            // shown once: Done takes it away for good
            b.click("#secret-created button[data-action=done]");
            b.await(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("#created-value")));
            assertThat(b.script("return document.body.innerText.includes(arguments[0])", value)).isEqualTo(false);

            // the list: by stack, with the stack's name; the filter is a stack id in the URL, never a value
            b.awaitText("#secrets tr[data-name='" + name + "']", stackName);
            new Select(b.css("#secrets-stack-filter")).selectByVisibleText(stackName);
            b.await(d -> b.all(By.cssSelector("#secrets tr[data-name='" + global + "']")).isEmpty());
            b.css("#secrets tr[data-name='" + name + "']");
            assertThat(b.driver().getCurrentUrl()).endsWith("#/secrets?stack=" + stackId);

            // reveal: masked, then shown
            b.click("#secrets tr[data-name='" + name + "'] button[data-action=reveal]");
            String revealInput = "tr.secret-detail[data-for='" + name + "'] input.secret-value-input";
            b.css(revealInput);
            assertThat(b.css(revealInput).getAttribute("type")).isEqualTo("password");
            assertThat(b.script("return document.querySelector(arguments[0]).value", revealInput)).isEqualTo(value);
            b.click("tr.secret-detail[data-for='" + name + "'] button[data-action=show]");
            b.await(d -> "text".equals(b.css(revealInput).getAttribute("type")));
            assertThat(kept(b)).doesNotContain(value);
            b.click("tr.secret-detail[data-for='" + name + "'] button[data-action=hide]");
            b.await(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(revealInput)));

            // replace with a typed value
            b.click("#secrets tr[data-name='" + name + "'] button[data-action=replace]");
            String replaceForm = "tr.secret-detail[data-for='" + name + "'] form.secret-replace";
            b.css(replaceForm + " input.secret-value-field").sendKeys("typed-in-the-console");
            b.click(replaceForm + " button[data-action=save]");
            b.awaitToast("Replaced the value of " + name);
            b.await(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(replaceForm)));
            assertThat(revealed(name)).isEqualTo("typed-in-the-console");

            // replace with a generated value: shown once, under its row
            b.click("#secrets tr[data-name='" + name + "'] button[data-action=replace]");
            b.click(replaceForm + " input[data-mode=generate]");
            new Select(b.css(replaceForm + " select[data-field=generate]")).selectByValue("hex");
            b.css(replaceForm + " input[data-field=digits]").clear();
            b.css(replaceForm + " input[data-field=digits]").sendKeys("32");
            b.click(replaceForm + " button[data-action=save]");
            String once = "tr.secret-detail[data-for='" + name + "'] .secret-once input.secret-value-input";
            b.css(once);
            String hex = revealed(name);
            assertThat(hex).matches("[0-9a-f]{32}");
            assertThat(b.script("return document.querySelector(arguments[0]).value", once)).isEqualTo(hex);
            b.click("tr.secret-detail[data-for='" + name + "'] button[data-action=done]");
            b.await(d -> d.findElements(By.cssSelector("tr.secret-detail")).isEmpty());

            // delete, after a confirmation
            b.click("#secrets tr[data-name='" + name + "'] button[data-action=delete]");
            b.awaitText("dialog.dialog", "Delete " + name + "?");
            b.click("dialog.dialog button[data-action=confirm]");
            b.await(d -> b.all(By.cssSelector("#secrets tr[data-name='" + name + "']")).isEmpty());
            b.css("#secrets-empty");
            assertThat(SERVER.api().get("/secrets/" + name).status()).isEqualTo(404);
            assertThat(kept(b)).doesNotContain(value).doesNotContain("typed-in-the-console").doesNotContain(hex);
            b.assertNoConsoleErrors();

            // the phone layout: nothing wider than the screen
            b.resize(ConsoleBrowser.PHONE);
            new Select(b.css("#secrets-stack-filter")).selectByVisibleText("Every stack");
            b.css("#secrets tr[data-name='" + global + "']");
            assertThat((Boolean) b.script("return document.documentElement.scrollWidth <= window.innerWidth")).isTrue();
            awaitNoToast(b);
            b.script("document.getElementById('secrets-title').scrollIntoView()");
            b.screenshot("secrets-phone");

            // a taken name: the server's 409 is said at the name field
            b.resize(ConsoleBrowser.DESKTOP);
            b.css("#secret-name").sendKeys(global);
            b.click("#secret-form input[data-mode=value]");
            b.css("#secret-form input.secret-value-field").sendKeys("another");
            b.click("#secret-create");
            b.awaitText("#secret-name-error", "A secret named " + global + " exists already");
            assertThat(revealed(global)).isEqualTo("typed-by-curl");
            assertThat(b.consoleMessages()).filteredOn(m -> m.startsWith("SEVERE"))
                .hasSize(1).allSatisfy(m -> assertThat(m).contains("409"));

            // a stack's page links to its secrets: the list comes filtered on that stack
            b.go("#/secrets?stack=" + stackId);
            b.await(d -> stackId.equals(b.css("#secrets-stack-filter").getAttribute("value")));
            b.css("#secrets-empty");
        } finally {
            SERVER.api().send("DELETE", "/secrets/" + global, null);
            SERVER.api().post("/stacks/" + stackId + "/delete", "{}");
        }
    }
}
