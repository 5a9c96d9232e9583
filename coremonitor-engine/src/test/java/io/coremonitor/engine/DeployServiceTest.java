package io.coremonitor.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coremonitor.model.Command;
import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.CommandType;
import io.coremonitor.model.DeployCheck;
import io.coremonitor.model.Deployment;
import io.coremonitor.model.Stack;
import io.coremonitor.store.CommandFilter;
import io.coremonitor.store.PageRequest;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a deployment request is checked against, what it enqueues and records (no worker running). */
class DeployServiceTest {

    private static final String YAML = """
        services:
          web:
            image: nginx
            x-coremonitor-deploy: {target: nginx}
          app:
            image: tomcat
            x-coremonitor-deploy: {target: tomcat}
          db:
            image: postgres
        """;

    @TempDir
    Path dir;
    private CoreMonitor cm;
    private Stack stack;
    private String war;
    private String site;

    @BeforeEach
    void open() throws Exception {
        cm = EngineTests.engine(dir).build();
        stack = cm.stacks().createStack("shop", YAML, Map.of(), "tester", "first", Optional.empty());
        war = cm.artifacts().store(new ByteArrayInputStream(ArtifactsTest.zip("index.html", "v1")), "shop.war", "alice")
            .artifact().sha256();
        site = cm.artifacts().store(new ByteArrayInputStream(ArtifactsTest.tarGz("index.html", "v1")), "site.tar.gz",
            "alice").artifact().sha256();
    }

    @AfterEach
    void close() {
        cm.close();
    }

    private Command deploy(String service, String artifact, String path) {
        return cm.deploys().deploy(stack.stackId(), new DeployRequest(service, artifact, Optional.ofNullable(path),
            Optional.empty()), "alice");
    }

    @Test
    void aDeploymentNeedsACurrentVersion() {
        assertThatThrownBy(() -> deploy("app", war, null)).isInstanceOf(CommandRejectedException.class)
            .hasMessageContaining("no current version");
    }

    @Test
    void theServiceTheArtifactAndThePathMustFit() {
        cm.store().stacks().setCurrentVersion(stack.stackId(), "v1");
        assertThatThrownBy(() -> deploy("cache", war, null)).isInstanceOf(InvalidDeploymentException.class)
            .hasMessageContaining("no service 'cache'").hasMessageContaining("app, db, web");
        assertThatThrownBy(() -> deploy("db", war, null)).isInstanceOf(InvalidDeploymentException.class)
            .hasMessageContaining("takes no artifacts").hasMessageContaining("x-coremonitor-deploy");
        assertThatThrownBy(() -> deploy("app", "f".repeat(64), null)).isInstanceOf(InvalidDeploymentException.class)
            .hasMessageContaining("upload it first");
        assertThatThrownBy(() -> deploy("app", site, null)).isInstanceOf(InvalidDeploymentException.class)
            .hasMessageContaining("Tomcat deploys a web application archive (.war), not site.tar.gz");
        assertThatThrownBy(() -> deploy("web", war, null)).isInstanceOf(InvalidDeploymentException.class)
            .hasMessageContaining("nginx serves a static site packed as .tar.gz, .tgz or .zip, not ");
        assertThatThrownBy(() -> deploy("app", war, "/a/../b")).isInstanceOf(InvalidDeploymentException.class)
            .hasMessageContaining("segment \"..\" starts with a dot");
        assertThatThrownBy(() -> deploy("app", war, "shop")).isInstanceOf(InvalidDeploymentException.class)
            .hasMessageContaining("a context path is \"/\" or \"/name\" without a trailing slash, got \"shop\"");
        assertThatThrownBy(() -> deploy("web", site, "/blog")).isInstanceOf(InvalidDeploymentException.class)
            .hasMessageContaining("nginx serves the site at \"/\" only (its document root), not at \"/blog\"");
        assertThat(cm.commands().list(CommandFilter.all(), PageRequest.first()).items()).isEmpty();
    }

    @Test
    void aDeploymentIsEnqueuedAndRecordedWithItsDefaults() {
        cm.store().stacks().setCurrentVersion(stack.stackId(), "v1");
        Command c = deploy("app", war, null);

        assertThat(c.type()).isEqualTo(CommandType.DEPLOY_ARTIFACT);
        assertThat(c.status()).isEqualTo(CommandStatus.PENDING);
        assertThat(c.payload()).isEqualTo("{\"service\":\"app\",\"artifact\":\"" + war + "\",\"path\":\"/shop\","
            + "\"check\":{\"path\":\"/shop\",\"status\":0}}");
        Deployment d = cm.deploys().get(stack.stackId(), 1);
        assertThat(d.commandId()).isEqualTo(c.commandId());
        assertThat(d.service()).isEqualTo("app");
        assertThat(d.artifact()).isEqualTo(war);
        assertThat(d.path()).isEqualTo("/shop");
        assertThat(d.check()).isEqualTo(new DeployCheck("/shop", DeployCheck.ANY_SUCCESS));
        assertThat(d.status()).isEqualTo(CommandStatus.PENDING);
        assertThat(d.actor()).isEqualTo("alice");

        Command site1 = deploy("web", site, "/");
        Command custom = cm.deploys().deploy(stack.stackId(), new DeployRequest("app", war, Optional.of("/api/"),
            Optional.of(new DeployCheck("/api/health", 200))), "bob");
        assertThat(custom.payload()).contains("\"path\":\"/api\"").contains("{\"path\":\"/api/health\",\"status\":200}");
        assertThat(cm.deploys().list(stack.stackId(), PageRequest.first()).items()).extracting(Deployment::number)
            .containsExactly(3, 2, 1);
        assertThat(cm.deploys().get(stack.stackId(), 2).commandId()).isEqualTo(site1.commandId());
    }

    @Test
    void redeployingADeploymentAsksForTheSameArtifactPathAndCheck() {
        cm.store().stacks().setCurrentVersion(stack.stackId(), "v1");
        cm.deploys().deploy(stack.stackId(), new DeployRequest("app", war, Optional.of("/api"),
            Optional.of(new DeployCheck("/api/health", 204))), "alice");
        Command again = cm.deploys().redeploy(stack.stackId(), 1, "bob");

        Deployment d = cm.deploys().get(stack.stackId(), 2);
        assertThat(d.commandId()).isEqualTo(again.commandId());
        assertThat(d.artifact()).isEqualTo(war);
        assertThat(d.path()).isEqualTo("/api");
        assertThat(d.check()).isEqualTo(new DeployCheck("/api/health", 204));
        assertThat(d.actor()).isEqualTo("bob");
        assertThatThrownBy(() -> cm.deploys().redeploy(stack.stackId(), 9, "bob"))
            .isInstanceOf(DeploymentNotFoundException.class);
    }

    @Test
    void anArtifactADeploymentReferencesIsNeverDeleted() {
        cm.store().stacks().setCurrentVersion(stack.stackId(), "v1");
        deploy("app", war, null);
        assertThatThrownBy(() -> cm.artifacts().delete(war)).isInstanceOf(ArtifactInUseException.class);
        assertThat(cm.artifacts().prune(Duration.ZERO)).isEqualTo(1);
        assertThat(cm.artifacts().find(war)).isPresent();
        assertThat(cm.artifacts().find(site)).isEmpty();
    }
}
