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

/** WARs into one Tomcat container (the stand-in of the official image), in order: v1, v2, rerun, broken, undeploy. */
@RequiresDocker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TomcatTargetDockerTest {

    private static final Logger LOG = LoggerFactory.getLogger(TomcatTargetDockerTest.class);
    private static final DeploySettings SETTINGS = DeploySettings.defaults(DeployKind.TOMCAT);
    private static final String WAR = "application/java-archive";

    @TempDir
    static Path dir;

    private final DockerClient docker;
    private final DockerOps ops;
    private final DeployTarget target;
    private String container;
    private String ip;

    TomcatTargetDockerTest(DockerClient docker) {
        this.docker = docker;
        this.ops = DockerOps.of(docker);
        this.target = DeployTargets.of(DeployKind.TOMCAT, ops, Clock.systemUTC());
    }

    @BeforeAll
    void startTomcat() throws Exception {
        String image = DeployFixtures.requireImage(docker, DeployFixtures.TOMCAT);
        container = DeployFixtures.start(docker, image, "deploy-tomcat");
        ip = DeployFixtures.ipOf(docker, container);
        HttpProbe probe = new HttpProbe(ops);
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            try {
                probe.get(container, 8080, "/", Duration.ofSeconds(2));
                return;
            } catch (ProbeFailedException e) {
                if (System.nanoTime() > until) {
                    throw e;
                }
            }
            Thread.sleep(300);
        }
    }

    @AfterAll
    void removeTomcat() {
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

    @Test
    @Order(1)
    void aWarAnswersAtItsContextPath() throws Exception {
        DeployFixtures.Context ctx = new DeployFixtures.Context();
        long start = System.nanoTime();

        target.deploy(job(DeployFixtures.war(dir, "shop-1.war", "v1"), "/app", 1), ctx);

        LOG.info("Tomcat: first deployment of app.war took {} ms", (System.nanoTime() - start) / 1_000_000);
        assertThat(get("/app/index.html").body()).isEqualTo(page("v1"));
        assertThat(new HttpProbe(ops).get(container, 8080, "/app/index.html", Duration.ofSeconds(5))).isEqualTo(200);
        assertThat(ctx.lines).anyMatch(l -> l.contains("Tomcat deployed app.war"));
        assertThat(ops.exec(container, List.of("ls", "-A", SETTINGS.directory()), Duration.ofSeconds(5)).stdout().lines().toList())
            .containsExactlyInAnyOrder("app", "app.war");
    }

    @Test
    @Order(2)
    void theNextWarReplacesIt() throws Exception {
        DeployJob v2 = job(DeployFixtures.war(dir, "shop-2.war", "v2"), "/app", 2);
        Availability availability = new Availability(ip, 8080, "/app/index.html", body -> true);
        try {
            target.deploy(v2, new DeployFixtures.Context());
        } finally {
            availability.close();
        }

        // Tomcat undeploys then deploys a changed WAR: the context is away (404) meanwhile
        LOG.info("Tomcat redeploy of app.war: {} of {} requests failed, over {} ms", availability.failures().size(),
            availability.requests(), availability.failingMillis());
        assertThat(get("/app/index.html").body()).isEqualTo(page("v2"));
    }

    @Test
    @Order(3)
    void rerunningTheSameJobIsHarmless() throws Exception {
        DeployJob v2 = job(dir.resolve("shop-2.war"), "/app", 2);

        target.deploy(v2, new DeployFixtures.Context());

        assertThat(get("/app/index.html").body()).isEqualTo(page("v2"));
    }

    @Test
    @Order(4)
    void aBrokenWarFailsWithTomcatsOwnReason() throws Exception {
        DeployJob broken = job(DeployFixtures.brokenWar(dir, "broken.war"), "/shop/broken", 4);

        assertThatThrownBy(() -> target.deploy(broken, new DeployFixtures.Context()))
            .isInstanceOf(DeployFailedException.class)
            .hasMessageContaining("Context [/shop/broken] startup failed")
            .hasMessageContaining("SEVERE")
            .hasMessageContaining("web.xml");
        assertThat(get("/app/index.html").body()).isEqualTo(page("v2"));
    }

    @Test
    @Order(5)
    void undeployRemovesTheContextAndIsIdempotent() throws Exception {
        DeployJob broken = job(dir.resolve("broken.war"), "/shop/broken", 5);
        target.undeploy(broken, new DeployFixtures.Context());
        DeployJob app = job(dir.resolve("shop-2.war"), "/app", 5);

        target.undeploy(app, new DeployFixtures.Context());
        target.undeploy(app, new DeployFixtures.Context());

        assertThat(get("/app/index.html").statusCode()).isEqualTo(404);
        assertThat(ops.exec(container, List.of("ls", "-A", SETTINGS.directory()), Duration.ofSeconds(5)).stdout()).isEmpty();
    }
}
