package io.coremonitor.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.coremonitor.server.reliability.RelServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The console's shell in a real Chromium against the server jar: the sign-in form when the server needs a token, a
 * refused token explained, the credential kept in the tab only; the page's security and cache headers.
 */
class ConsoleShellIT {

    static final String TOKEN = "console-shell-token-5c1f";

    @TempDir
    static Path dir;

    static RelServer server;

    @BeforeAll
    static void start() throws Exception {
        ConsoleBrowser.requireAvailable();
        server = new RelServer("console-shell", dir.resolve("cm.db").toString(), List.of("--token", TOKEN)).start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    static String root() {
        return ConsoleBrowser.rootOf(server.base());
    }

    @Test
    void signInRefusesAWrongTokenThenKeepsTheRightOneInTheTabOnly() {
        try (ConsoleBrowser b = new ConsoleBrowser(root())) {
            b.open("");
            b.css("#sign-in");
            b.screenshot("sign-in");
            b.css("#token").sendKeys("not-the-token");
            b.click("#sign-in button[type=submit]");
            b.awaitText("#sign-in-error", "That token is not accepted");

            b.css("#token").clear();
            b.css("#token").sendKeys(TOKEN);
            b.click("#sign-in button[type=submit]");
            b.await(ExpectedConditions.invisibilityOfElementLocated(By.id("sign-in")));
            b.css("#main[data-view=dashboard]");

            assertThat(b.driver().getCurrentUrl()).doesNotContain(TOKEN);
            assertThat(b.script("return JSON.stringify(Object.assign({}, localStorage))")).isEqualTo("{}");
            assertThat(b.script("return sessionStorage.getItem('coremonitor.token')")).isEqualTo(TOKEN);

            b.click("#sign-out");
            b.awaitText("#sign-in-error", "Signed out.");
            assertThat(b.script("return sessionStorage.length")).isEqualTo(0L);
            b.assertNoConsoleErrors();
        }
    }

    @Test
    void aCallAnswered401BringsTheSignInFormBackWithAMessage() {
        try (ConsoleBrowser b = new ConsoleBrowser(root())) {
            b.open("");
            b.css("#token").sendKeys(TOKEN);
            b.click("#sign-in button[type=submit]");
            b.css("#main[data-view=dashboard]");
            // the token stops being valid while the tab is open (as when the server's token is changed)
            b.script("sessionStorage.setItem('coremonitor.token', 'revoked-token')");
            b.go("#/commands");
            b.awaitText("#sign-in-error", "Please sign in again: the bearer token is not valid");
            assertThat(b.script("return sessionStorage.length")).isEqualTo(0L);
            // the only errors the browser logged are the refused calls themselves
            assertThat(b.consoleMessages()).filteredOn(m -> m.startsWith("SEVERE"))
                .isNotEmpty().allSatisfy(m -> assertThat(m).contains("status of 401"));
        }
    }

    @Test
    void thePageForbidsInlineScriptsAndOtherOriginsAndItsAssetsAreCachedForAYear() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(root() + "/")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString()
            .contains("script-src 'self'").contains("default-src 'self'").doesNotContain("unsafe-inline");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
        String etag = page.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(root() + "/"))
            .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(page.body()).doesNotContain("<script>").doesNotContain("{{");

        Matcher app = Pattern.compile("src=\"(/assets/[0-9a-f]{16}/js/app\\.js)\"").matcher(page.body());
        assertThat(app.find()).as("the page loads its fingerprinted app.js").isTrue();
        HttpResponse<String> js = http.send(HttpRequest.newBuilder(URI.create(root() + app.group(1))).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(js.headers().firstValue("Content-Type")).get().asString().startsWith("text/javascript");

        Matcher lib = Pattern.compile("data-name=\"uplot\" content=\"(/webjars/uplot/[^\"]+)\"").matcher(page.body());
        assertThat(lib.find()).as("the page names the uPlot webjar's folder").isTrue();
        HttpResponse<Void> uplot = http.send(HttpRequest.newBuilder(URI.create(root() + lib.group(1)
            + "/dist/uPlot.iife.min.js")).build(),
            HttpResponse.BodyHandlers.discarding());
        assertThat(uplot.statusCode()).isEqualTo(200);
        assertThat(uplot.headers().firstValue("Cache-Control")).get().asString().contains("max-age=");

        HttpResponse<String> stale = http.send(HttpRequest.newBuilder(URI.create(root()
            + "/assets/0000000000000000/js/app.js")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stale.statusCode()).isEqualTo(404);
    }
}
