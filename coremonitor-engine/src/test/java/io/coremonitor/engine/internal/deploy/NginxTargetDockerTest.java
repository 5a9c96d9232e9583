package io.coremonitor.engine.internal.deploy;

import static io.coremonitor.engine.internal.deploy.DeployFixtures.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import io.coremonitor.docker.DockerOps;
import io.coremonitor.docker.testing.RequiresDocker;
import io.coremonitor.engine.CommandCancelledException;
import io.coremonitor.model.Artifact;
import io.coremonitor.model.DeployKind;
import io.coremonitor.model.DeploySettings;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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

/** Static sites into one nginx container (the stand-in of the official image), in order: v1, v2 under load, rerun... */
@RequiresDocker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NginxTargetDockerTest {

    private static final Logger LOG = LoggerFactory.getLogger(NginxTargetDockerTest.class);
    private static final DeploySettings SETTINGS = DeploySettings.defaults(DeployKind.NGINX);

    private final DockerClient docker;
    private final DockerOps ops;
    private final DeployTarget target;
    private String container;
    private String ip;

    @TempDir
    static Path dir;

    NginxTargetDockerTest(DockerClient docker) {
        this.docker = docker;
        this.ops = DockerOps.of(docker);
        this.target = DeployTargets.of(DeployKind.NGINX, ops, Clock.systemUTC());
    }

    @BeforeAll
    void startNginx() throws Exception {
        String image = DeployFixtures.requireImage(docker, DeployFixtures.NGINX);
        container = DeployFixtures.start(docker, image, "deploy-nginx");
        ip = DeployFixtures.ipOf(docker, container);
        HttpProbe probe = new HttpProbe(ops);
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                if (probe.get(container, 80, "/", Duration.ofSeconds(2)) == 200) {
                    return;
                }
            } catch (ProbeFailedException e) {
                if (System.nanoTime() > until) {
                    throw e;
                }
            }
            Thread.sleep(200);
        }
    }

    @AfterAll
    void removeNginx() {
        if (container != null) {
            ops.removeContainer(container);
        }
    }

    private DeployJob job(Path file, String mediaType, long commandId) throws Exception {
        Artifact artifact = DeployFixtures.artifact(file, mediaType);
        return new DeployJob(container, SETTINGS, artifact, file, "/", commandId);
    }

    private String body() throws Exception {
        HttpResponse<String> response = DeployFixtures.get(ip, 80, "/index.html");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    @Order(1)
    void theFirstSiteReplacesTheImagesPageAndKeepsItAside() throws Exception {
        assertThat(body()).contains("nginx");
        DeployFixtures.Context ctx = new DeployFixtures.Context();

        target.deploy(job(DeployFixtures.siteTarGz(dir, "site-v1.tar.gz", "v1"), "application/gzip", 1), ctx);

        assertThat(body()).isEqualTo(page("v1"));
        assertThat(DeployFixtures.get(ip, 80, "/css/site.css").body()).isEqualTo("body{}\n");
        assertThat(new HttpProbe(ops).get(container, 80, "/index.html", Duration.ofSeconds(5))).isEqualTo(200);
        assertThat(shell("readlink /usr/share/nginx/html")).startsWith("/usr/share/nginx/.coremonitor-sites/").endsWith("-1\n");
        assertThat(shell("cat /usr/share/nginx/.coremonitor-sites/original/index.html")).contains("nginx");
        assertThat(ctx.lines).anyMatch(l -> l.contains("now serves"));
    }

    @Test
    @Order(2)
    void switchingToTheNextSiteNeverFailsARequest() throws Exception {
        DeployJob v2 = job(DeployFixtures.siteTarGz(dir, "site-v2.tar.gz", "v2"), "application/gzip", 2);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger requests = new AtomicInteger();
        List<String> failures = new CopyOnWriteArrayList<>();
        List<String> seen = new CopyOnWriteArrayList<>();
        Thread poller = new Thread(() -> {
            while (!stop.get()) {
                try {
                    HttpResponse<String> response = DeployFixtures.get(ip, 80, "/index.html");
                    requests.incrementAndGet();
                    if (response.statusCode() != 200 || !(response.body().equals(page("v1")) || response.body().equals(page("v2")))) {
                        failures.add(response.statusCode() + " " + response.body());
                    } else if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(response.body())) {
                        seen.add(response.body());
                    }
                    Thread.sleep(2);
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            }
        }, "nginx-poller");
        poller.start();
        try {
            Thread.sleep(300);
            target.deploy(v2, new DeployFixtures.Context());
            Thread.sleep(300);
        } finally {
            stop.set(true);
            poller.join(10_000);
        }

        LOG.info("nginx switch v1 -> v2: {} requests while switching, {} failed", requests.get(), failures.size());
        assertThat(failures).isEmpty();
        assertThat(requests.get()).isGreaterThan(20);
        assertThat(seen).containsExactly(page("v1"), page("v2"));
        assertThat(body()).isEqualTo(page("v2"));
    }

    @Test
    @Order(3)
    void rerunningTheSameJobIsHarmlessAndOldSitesAreRemoved() throws Exception {
        DeployJob v2 = job(dir.resolve("site-v2.tar.gz"), "application/gzip", 2);
        DeployFixtures.Context ctx = new DeployFixtures.Context();

        target.deploy(v2, ctx);

        assertThat(body()).isEqualTo(page("v2"));
        assertThat(ctx.lines).anyMatch(l -> l.contains("nothing to switch"));
        // a zip as v3: v1 (older than the previous one) goes
        target.deploy(job(DeployFixtures.zip(dir.resolve("site-v3.zip"), Map.of("index.html", page("v3"))), "application/zip", 3),
            new DeployFixtures.Context());
        assertThat(body()).isEqualTo(page("v3"));
        assertThat(shell("ls -1A /usr/share/nginx/.coremonitor-sites").lines().toList()).hasSize(3)
            .contains("original").anyMatch(n -> n.endsWith("-2")).anyMatch(n -> n.endsWith("-3"));
    }

    @Test
    @Order(4)
    void anArchiveClimbingOutIsRefusedBeforeAnythingChanges() throws Exception {
        Path evil = DeployFixtures.tarGz(dir.resolve("evil.tar.gz"), Map.of("../../etc/evil.html", "x"));

        assertThatThrownBy(() -> target.deploy(job(evil, "application/gzip", 4), new DeployFixtures.Context()))
            .isInstanceOf(DeployFailedException.class).hasMessageContaining("..");
        assertThat(body()).isEqualTo(page("v3"));
    }

    @Test
    @Order(5)
    void aCancelAfterStagingLeavesTheServedSiteAlone() throws Exception {
        DeployFixtures.Context ctx = new DeployFixtures.Context();
        ctx.cancel.set(true);

        assertThatThrownBy(() -> target.deploy(job(DeployFixtures.siteTarGz(dir, "site-v5.tar.gz", "v5"), "application/gzip", 5), ctx))
            .isInstanceOf(CommandCancelledException.class);
        assertThat(body()).isEqualTo(page("v3"));
    }

    @Test
    @Order(6)
    void undeployPutsTheImagesPageBackAndIsIdempotent() throws Exception {
        DeployJob any = job(dir.resolve("site-v3.zip"), "application/zip", 6);

        target.undeploy(any, new DeployFixtures.Context());
        target.undeploy(any, new DeployFixtures.Context());

        assertThat(body()).contains("nginx").doesNotContain("v3");
        assertThat(shell("ls -1A /usr/share/nginx/.coremonitor-sites").strip()).isEqualTo("original");
    }

    private String shell(String command) {
        return ops.exec(container, List.of("sh", "-c", command), Duration.ofSeconds(10)).stdout();
    }
}
