package io.coremonitor.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.coremonitor.docker.testing.RequiresDocker;
import io.coremonitor.docker.testing.TestImages;
import io.coremonitor.docker.testing.TestLabels;
import io.coremonitor.server.internal.ApiClient;
import io.coremonitor.server.reliability.RelServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The stack page's Deploy panel in a real Chromium against the server jar and the real Docker engine: a stack with one
 * nginx service ({@code x-coremonitor-deploy: {target: nginx}}) is applied, a static site is uploaded through the
 * panel (with its progress) and deployed, the history row turns DONE live, the container serves the site, and a
 * Redeploy from the history (confirmed first) is a second deployment.
 */
@RequiresDocker
class ConsoleDeployIT {

    static final String NGINX = "nginx:latest";
    static final String SITE_TEXT = "site v1";

    @TempDir
    Path dir;

    static String compose() {
        return "services:\n"
                + "  site:\n"
                + "    image: " + NGINX + "\n"
                + "    ports: ['80']\n"
                + "    x-coremonitor-deploy:\n"
                + "      target: nginx\n";
    }

    /** The nginx stand-in ({@code scripts/test-images.sh --all}): fails under CI=true when missing, else skips. */
    static void requireNginx(DockerClient docker) {
        try {
            docker.inspectImageCmd(NGINX).exec();
        } catch (NotFoundException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                TestImages.require(docker, NGINX, "scripts/test-images.sh --all");
            }
            Assumptions.abort("the image " + NGINX + " is missing: run scripts/test-images.sh --all");
        }
    }

    /**
     * coremonitor-testapps' site-v1.tar.gz, as a canonical path (chromedriver refuses a file input's path with
     * "..", which the property's ${project.basedir}/../ holds).
     */
    static Path site() throws IOException {
        String testapps = System.getProperty("coremonitor.testapps");
        if (testapps == null) {
            throw new IllegalStateException("the system property coremonitor.testapps is not set (see coremonitor-server/pom.xml)");
        }
        Path site = Path.of(testapps, "site-v1.tar.gz");
        if (!Files.isRegularFile(site)) {
            throw new IllegalStateException(site + " is missing: the coremonitor-testapps module builds it (mvn package)");
        }
        return site.toRealPath();
    }

    @Test
    void aSiteIsUploadedDeployedAndRedeployedFromTheStackPage(DockerClient docker) throws Exception {
        TestImages.requireBusybox(docker);
        requireNginx(docker);
        ConsoleBrowser.requireAvailable();
        Path site = site();
        try (RelServer server = new RelServer("console-deploy", dir.resolve("cm.db").toString(), List.of()).start()) {
            ApiClient api = new ApiClient(server.base(), Optional.empty());
            String name = TestLabels.uniqueName("console-deploy");
            ApiClient.Answer created = api.post("/stacks", ApiClient.json(Map.of("name", name, "compose", compose())));
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            String id = created.json().path("stack_id").asText();
            try {
                assertThat(api.post("/stacks/" + id + "/apply/v1", null).status()).isEqualTo(202);
                Awaitility.await("the stack running").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                        .until(() -> api.get("/stacks/" + id + "/status").json().path("actual").asText(), "RUNNING"::equals);
                try (ConsoleBrowser b = new ConsoleBrowser(ConsoleBrowser.rootOf(server.base()))) {
                    page(b, api, id, site);
                }
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(e.getMessage() + "\n--- server log ---\n" + tail(server.logText()), e);
            } finally {
                delete(api, id);
            }
        }
    }

    private void page(ConsoleBrowser b, ApiClient api, String id, Path site) throws Exception {
        b.showRetrying(() -> b.open("#/stacks/" + id), "#main[data-view=stack]");
        b.css("tr[data-service=site][data-state=RUNNING]");
        b.css("#stack-deploy");
        b.css("#deployments-empty");
        assertThat(new Select(b.css("#deploy-service")).getOptions()).extracting(o -> o.getAttribute("value"))
                .containsExactly("site");
        assertThat(new Select(b.css("#deploy-artifact")).getFirstSelectedOption().getAttribute("value")).isEmpty();

        // choose the file: the path's placeholder is nginx's default; a check of its index page
        b.css("#deploy-file").sendKeys(site.toAbsolutePath().toString());
        assertThat(b.css("#deploy-path").getAttribute("placeholder")).isEqualTo("/");
        b.css("#deploy-check-path").sendKeys("/index.html");
        b.css("#deploy-check-status").sendKeys("200");
        b.click("#deploy-submit");
        b.awaitText("#deploy-progress-text", "Uploaded site-v1.tar.gz");
        assertThat(b.css("#deploy-progress").getAttribute("value")).isEqualTo("100");
        b.css("#deploy-command");
        String command = b.css("#deploy-command").getAttribute("href");
        assertThat(command).matches(".*#/commands/\\d+");
        b.awaitText("#stack-commands li", "Deploy site-v1.tar.gz into site");

        // the history: the row goes DONE without a reload
        b.css("#deployments tr[data-number='1']");
        b.await(d -> !b.all(By.cssSelector("#deployments tr[data-number='1'][data-status=DONE]")).isEmpty()
                || !b.all(By.cssSelector("#deployments tr[data-number='1'][data-status=FAILED]")).isEmpty(),
                Duration.ofSeconds(120));
        JsonNode first = api.get("/stacks/" + id + "/deployments/1").json();
        assertThat(first.path("status").asText()).as(first.toString()).isEqualTo("DONE");
        assertThat(b.css("#deployments tr[data-number='1'] .artifact-name").getText()).isEqualTo("site-v1.tar.gz");
        assertThat(first.path("check").path("path").asText()).isEqualTo("/index.html");
        assertThat(first.path("check").path("status").asInt()).isEqualTo(200);

        // the container serves the site
        assertThat(served(api, id)).contains(SITE_TEXT);

        // the uploaded artifact is now in the list of the panel
        String sha = first.path("artifact").asText();
        b.await(d -> new Select(b.css("#deploy-artifact")).getOptions().stream()
                .anyMatch(o -> sha.equals(o.getAttribute("value"))));
        b.script("window.scrollTo(0, document.getElementById('stack-deploy').offsetTop - 10)");
        b.screenshot("stack-deploy");

        // redeploy asks first: cancelled, nothing; confirmed, a second deployment that ends DONE
        b.click("#deployments tr[data-number='1'] button[data-action=redeploy]");
        b.click("dialog[open] button[data-action=cancel]");
        b.await(d -> b.all(By.cssSelector("dialog")).isEmpty());
        assertThat(api.get("/stacks/" + id + "/deployments").json().path("items").size()).isEqualTo(1);
        b.click("#deployments tr[data-number='1'] button[data-action=redeploy]");
        b.click("dialog[open] button[data-action=confirm]");
        b.css("#deployments tr[data-number='2']");
        b.await(d -> !b.all(By.cssSelector("#deployments tr[data-number='2'][data-status=DONE]")).isEmpty(),
                Duration.ofSeconds(120));
        assertThat(api.get("/stacks/" + id + "/deployments/2").json().path("artifact").asText()).isEqualTo(sha);
        assertThat(served(api, id)).contains(SITE_TEXT);
        b.assertNoConsoleErrors();
    }

    /** What the service's published port 80 answers at /. */
    private static String served(ApiClient api, String id) throws Exception {
        JsonNode containers = api.get("/stacks/" + id + "/containers").json().path("items");
        String port = null;
        for (JsonNode c : containers) {
            for (JsonNode p : c.path("ports")) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)->80/tcp$").matcher(p.asText());
                if (m.find()) {
                    port = m.group(1);
                }
            }
        }
        assertThat(port).as("the published port of site: " + containers).isNotNull();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
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
