package io.coremonitor.engine.internal.deploy;

import static io.coremonitor.engine.internal.deploy.DeployFixtures.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import io.coremonitor.docker.DockerOps;
import io.coremonitor.docker.testing.RequiresDocker;
import io.coremonitor.model.Artifact;
import io.coremonitor.model.DeployKind;
import io.coremonitor.model.DeploySettings;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** WARs into one WildFly container (the stand-in of the official image), in order: v1, v2, rerun, broken, undeploy. */
@RequiresDocker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WildFlyTargetDockerTest {

    private static final Logger LOG = LoggerFactory.getLogger(WildFlyTargetDockerTest.class);
    private static final DeploySettings SETTINGS = DeploySettings.defaults(DeployKind.WILDFLY);
    private static final String WAR = "application/java-archive";

    @TempDir
    static Path dir;

    private final DockerClient docker;
    private final DockerOps ops;
    private final DeployTarget target;
    private String container;
    private String ip;

    WildFlyTargetDockerTest(DockerClient docker) {
        this.docker = docker;
        this.ops = DockerOps.of(docker);
        this.target = DeployTargets.of(DeployKind.WILDFLY, ops, Clock.systemUTC());
    }

    @BeforeAll
    void startWildFly() throws Exception {
        String image = DeployFixtures.requireImage(docker, DeployFixtures.WILDFLY);
        container = DeployFixtures.start(docker, image, "deploy-wildfly");
        ip = DeployFixtures.ipOf(docker, container);
        HttpProbe probe = new HttpProbe(ops);
        long start = System.nanoTime();
        long until = start + Duration.ofSeconds(180).toNanos();
        while (true) {
            try {
                probe.get(container, 8080, "/", Duration.ofSeconds(2));
                LOG.info("WildFly answered {} ms after its start", (System.nanoTime() - start) / 1_000_000);
                return;
            } catch (ProbeFailedException e) {
                if (System.nanoTime() > until) {
                    throw e;
                }
            }
            Thread.sleep(500);
        }
    }

    @AfterAll
    void removeWildFly() {
        if (container != null) {
            ops.removeContainer(container);
        }
    }

    private DeployJob job(Path file, String path, long commandId) throws Exception {
        Artifact artifact = DeployFixtures.artifact(file, WAR);
        return new DeployJob(container, SETTINGS, artifact, file, path, commandId);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return DeployFixtures.get(ip, 8080, path);
    }

    private List<String> deployments() {
        return ops.exec(container, List.of("ls", "-A", SETTINGS.directory()), Duration.ofSeconds(5)).stdout().lines().toList();
    }

    @Test
    @Order(1)
    void aWarAnswersAtItsContextPath() throws Exception {
        DeployFixtures.Context ctx = new DeployFixtures.Context();
        long start = System.nanoTime();

        target.deploy(job(DeployFixtures.war(dir, "shop-1.war", "v1"), "/app", 1), ctx);

        LOG.info("WildFly: first deployment of app.war took {} ms", (System.nanoTime() - start) / 1_000_000);
        assertThat(get("/app/index.html").body()).isEqualTo(page("v1"));
        assertThat(ctx.lines).anyMatch(l -> l.contains("WildFly deployed app.war"));
        assertThat(deployments()).contains("app.war", "app.war.deployed").doesNotContain("app.war.dodeploy", "app.war.failed");
        assertThat(ops.exec(container, List.of("stat", "-c", "%U", SETTINGS.directory() + "/app.war"), Duration.ofSeconds(5)).stdout())
            .isEqualTo("jboss\n");
    }

    @Test
    @Order(2)
    void theNextWarReplacesIt() throws Exception {
        long start = System.nanoTime();
        Availability availability = new Availability(ip, 8080, "/app/index.html", body -> true);
        try {
            target.deploy(job(DeployFixtures.war(dir, "shop-2.war", "v2"), "/app", 2), new DeployFixtures.Context());
        } finally {
            availability.close();
        }

        LOG.info("WildFly: redeployment of app.war took {} ms; {} of {} requests failed, over {} ms",
            (System.nanoTime() - start) / 1_000_000, availability.failures().size(), availability.requests(), availability.failingMillis());
        assertThat(get("/app/index.html").body()).isEqualTo(page("v2"));
    }

    @Test
    @Order(3)
    void rerunningTheSameJobIsHarmless() throws Exception {
        target.deploy(job(dir.resolve("shop-2.war"), "/app", 2), new DeployFixtures.Context());

        assertThat(get("/app/index.html").body()).isEqualTo(page("v2"));
    }

    @Test
    @Order(4)
    void aBrokenWarFailsWithWildFlysOwnReason() throws Exception {
        DeployJob broken = job(DeployFixtures.brokenWar(dir, "broken.war"), "/broken", 4);

        assertThatThrownBy(() -> target.deploy(broken, new DeployFixtures.Context()))
            .isInstanceOf(DeployFailedException.class)
            .hasMessageContaining("WildFly failed to deploy broken.war")
            .hasMessageContaining("web.xml");
        assertThat(get("/app/index.html").body()).isEqualTo(page("v2"));
    }

    @Test
    @Order(5)
    void undeployRemovesTheApplicationAndIsIdempotent() throws Exception {
        target.undeploy(job(dir.resolve("broken.war"), "/broken", 5), new DeployFixtures.Context());
        DeployJob app = job(dir.resolve("shop-2.war"), "/app", 5);

        target.undeploy(app, new DeployFixtures.Context());
        target.undeploy(app, new DeployFixtures.Context());

        assertThat(get("/app/index.html").statusCode()).isEqualTo(404);
        assertThat(deployments()).containsOnly("README.txt");
    }
}
