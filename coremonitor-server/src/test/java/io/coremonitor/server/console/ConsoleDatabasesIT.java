package io.coremonitor.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Container;
import io.coremonitor.docker.testing.RequiresDocker;
import io.coremonitor.server.internal.ApiClient;
import io.coremonitor.server.reliability.RelServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The databases screen in a real Chromium against the server jar and the Docker engine (the local postgres:15 image):
 * a PostgreSQL database made through the "New database" form, its generated password shown once, the list with the
 * state of its stack, its page with a Copy button for each piece of its connection information, the live status, the
 * password revealed (the one the 201 showed, never kept in storage or the URL), a backup made and listed, a restore
 * after a confirmation, the phone layout, and a delete with its data volume.
 */
@RequiresDocker
class ConsoleDatabasesIT {

    /** Creating waits for the container and a real login: the server's default limit is 2 minutes. */
    private static final Duration CREATE = Duration.ofMinutes(4);
    /** A DELETE of the stack is waited for by the route (3 minutes at most). */
    private static final Duration DELETE = Duration.ofMinutes(4);

    @TempDir
    Path dir;

    /** What the page keeps in localStorage, sessionStorage and its URL. */
    static String kept(ConsoleBrowser b) {
        return b.script("return JSON.stringify(Object.assign({}, localStorage)) + JSON.stringify(Object.assign({},"
            + " sessionStorage)) + location.href") + "";
    }

    static void awaitNoToast(ConsoleBrowser b) {
        b.await(d -> d.findElements(By.cssSelector("#toasts .toast")).isEmpty());
    }

    static void assertFitsTheScreen(ConsoleBrowser b) {
        assertThat((Boolean) b.script("return document.documentElement.scrollWidth <= window.innerWidth")).isTrue();
    }

    @Test
    void aPostgresqlDatabaseIsCreatedListedRevealedBackedUpAndDeleted(DockerClient docker) throws Exception {
        String project = "console-" + UUID.randomUUID().toString().substring(0, 8);
        String stackId = null;
        try (RelServer server = new RelServer("console-databases", dir.resolve("cm.db").toString(), List.of()).start();
             ConsoleBrowser b = new ConsoleBrowser(ConsoleBrowser.rootOf(server.base()))) {
            ApiClient api = new ApiClient(server.base(), Optional.empty());
            String root = ConsoleBrowser.rootOf(server.base());
            ((ChromeDriver) b.driver()).executeCdpCommand("Browser.grantPermissions", Map.of("origin", root,
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
            b.open("#/databases");
            b.css("#main[data-view=databases]");
            b.css("a[data-nav=databases][aria-current=page]");
            b.css("#databases-empty");

            // a project outside the rule is said at its field, before anything is sent
            b.click("#db-new");
            b.css("#db-project").sendKeys("Not-A-Project");
            b.click("#db-create");
            b.awaitText("#db-project-error", "Use lower-case letters");

            // the form: PostgreSQL 15, small limits, a generated password
            b.css("#db-project").clear();
            b.css("#db-project").sendKeys(project);
            new Select(b.css("#db-engine")).selectByValue("postgresql");
            new Select(b.css("#db-version")).selectByValue("15");
            b.css("#db-memory").sendKeys("256m");
            b.css("#db-cpus").sendKeys("0.5");
            b.click("#db-create");
            // creating is synchronous: the form is disabled while the server waits for a login
            assertThat(b.script("return document.getElementById('db-create').disabled")).isEqualTo(true);
            b.awaitText("#db-create-progress", "Creating");
            b.await(d -> !d.findElements(By.cssSelector("#db-created .secret-once[data-project='" + project + "']"))
                .isEmpty(), CREATE);
            assertThat(b.driver().findElement(By.id("db-create-error")).getText()).isEmpty();
            String password = (String) b.script("return document.getElementById('db-created-password').value");
            assertThat(password).matches("[A-Za-z0-9]{24}");
            assertThat(b.css("#db-created-password").getAttribute("type")).isEqualTo("password");
            assertThat(b.script("return document.documentElement.outerHTML.includes(arguments[0])", password))
                .isEqualTo(false);
            JsonNode db = api.get("/databases/" + project).json();
            stackId = db.path("stack_id").asText();
            assertThat(db.path("engine").asText()).isEqualTo("postgresql");
            assertThat(db.path("version").asText()).isEqualTo("15");

            // the list: its engine, version, the state of its stack and its address
            String row = "#databases tr[data-project='" + project + "']";
            b.awaitText(row + " .db-status", "RUNNING");
            b.awaitText(row, "PostgreSQL");
            b.awaitText(row + " .db-address", db.path("host").asText() + ":" + db.path("port").asInt());
            b.click("#db-created button[data-action=done]");
            b.await(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("#db-created-password")));
            b.resize(ConsoleBrowser.PHONE);
            b.css(row);
            assertFitsTheScreen(b);
            b.resize(ConsoleBrowser.DESKTOP);

            // its page: the connection information with a Copy button each, the live status, the stack's page
            b.click(row + " a");
            b.css("#main[data-view=database]");
            assertThat(b.driver().getCurrentUrl()).endsWith("#/databases/" + project);
            for (String field : List.of("host", "port", "database", "user", "jdbc_url", "uri")) {
                b.css("#db-connection [data-field=" + field + "] button[data-action=copy]");
            }
            b.awaitText("#db-connection [data-field=jdbc_url]", db.path("jdbc_url").asText());
            b.awaitText("#db-connection [data-field=uri]", db.path("uri").asText());
            b.awaitText("#db-status", "RUNNING");
            b.awaitText("#db-container-state", "running");
            assertThat(b.css("#db-stack-link").getAttribute("href")).endsWith("#/stacks/" + stackId);
            b.script("window.copied = null; const real = navigator.clipboard.writeText.bind(navigator.clipboard);"
                + " navigator.clipboard.writeText = (t) => { window.copied = t; return real(t); }");
            b.click("#db-connection [data-field=jdbc_url] button[data-action=copy]");
            b.awaitToast("Copied to the clipboard.");
            assertThat(b.script("return window.copied")).isEqualTo(db.path("jdbc_url").asText());

            // reveal: the password the 201 showed, masked, then shown; never kept by the page
            b.click("#db-reveal");
            b.css("#db-password-value");
            assertThat(b.css("#db-password-value").getAttribute("type")).isEqualTo("password");
            assertThat(b.script("return document.getElementById('db-password-value').value")).isEqualTo(password);
            b.click("#db-password button[data-action=show]");
            b.await(d -> "text".equals(b.css("#db-password-value").getAttribute("type")));
            assertThat(kept(b)).doesNotContain(password);
            assertThat(b.script("return document.documentElement.outerHTML.includes(arguments[0])", password))
                .isEqualTo(false);
            b.click("#db-password button[data-action=show]");
            b.await(d -> "password".equals(b.css("#db-password-value").getAttribute("type")));

            // a backup, listed
            b.css("#db-backups-empty");
            b.click("#db-backup");
            b.await(d -> !d.findElements(By.cssSelector("#db-backups tbody tr")).isEmpty(), Duration.ofMinutes(2));
            String backupName = b.css("#db-backups tbody tr").getAttribute("data-name");
            assertThat(backupName).startsWith(project + "-").endsWith(".sql.gz");
            awaitNoToast(b);
            b.screenshot("databases");

            // the phone layout: nothing wider than the screen
            b.resize(ConsoleBrowser.PHONE);
            b.css("#db-connection");
            assertFitsTheScreen(b);
            b.screenshot("databases-phone");
            b.resize(ConsoleBrowser.DESKTOP);

            // restore it, after a confirmation
            b.click("#db-backups tbody tr button[data-action=restore]");
            b.awaitText("dialog.dialog", "Restore " + backupName + "?");
            b.click("dialog.dialog button[data-action=confirm]");
            b.await(d -> d.findElement(By.id("toasts")).getText().contains("Restored " + backupName), Duration.ofMinutes(2));

            // delete it with its data volume, after a confirmation; leaving the page forgets the password
            b.click("#db-delete");
            b.awaitText("dialog.dialog", "Delete " + project + "?");
            b.click("#db-delete-volumes");
            b.click("dialog.dialog button[data-action=confirm]");
            b.await(d -> !d.findElements(By.cssSelector("#main[data-view=databases] #databases-empty")).isEmpty()
                && d.findElement(By.id("databases-empty")).isDisplayed(), DELETE);
            b.awaitToast("and its data volume");
            assertThat(api.get("/databases/" + project).status()).isEqualTo(404);
            assertThat(volumes(docker, project)).isEmpty();
            assertThat(kept(b)).doesNotContain(password);
            b.assertNoConsoleErrors();
        } finally {
            removeEverything(docker, project, stackId);
        }
    }

    private static List<InspectVolumeResponse> volumes(DockerClient docker, String project) {
        List<InspectVolumeResponse> all = docker.listVolumesCmd().exec().getVolumes();
        return all == null ? List.of() : all.stream().filter(v -> v.getName().startsWith("db-" + project + "_")).toList();
    }

    /** The Docker objects of the database's stack, whatever the test reached. */
    private static void removeEverything(DockerClient docker, String project, String stackId) {
        String stack = "db-" + project;
        List<Container> containers = stackId == null ? List.of() : docker.listContainersCmd().withShowAll(true)
            .withLabelFilter(Map.of("coremonitor.stack_id", stackId)).exec();
        List<Container> byProject = docker.listContainersCmd().withShowAll(true)
            .withLabelFilter(Map.of("com.docker.compose.project", stack)).exec();
        for (List<Container> list : List.of(containers, byProject)) {
            for (Container c : list) {
                try {
                    docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
                } catch (RuntimeException e) {
                    // removed already
                }
            }
        }
        docker.listNetworksCmd().exec().stream().filter(n -> n.getName().startsWith(stack + "_"))
            .forEach(n -> docker.removeNetworkCmd(n.getId()).exec());
        volumes(docker, project).forEach(v -> docker.removeVolumeCmd(v.getName()).exec());
    }
}
