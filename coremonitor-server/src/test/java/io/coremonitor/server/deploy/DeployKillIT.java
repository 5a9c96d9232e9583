package io.coremonitor.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import io.coremonitor.docker.testing.RequiresDocker;
import io.coremonitor.docker.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the server while it copies a large WAR into Tomcat: after the restart the command is retried (the crash
 * policy) and ends, and the service serves one whole version, never a half-copied one.
 */
@RequiresDocker
class DeployKillIT {

    @Test
    void aKilledDeploymentIsRetriedAndTheServiceServesOneWholeVersion(@TempDir Path dir, DockerClient docker)
            throws Exception {
        TestImages.require(docker, "tomcat:latest", "scripts/test-images.sh --all");
        long seed = Long.getLong("reliability.seed", System.nanoTime());
        System.out.println("DeployKillIT seed=" + seed + " (-Dreliability.seed=" + seed + " to repeat)");
        Random random = new Random(seed);
        Path big = bigWar(DeployFixture.testApp("hello-v2.war"), dir.resolve("hello-big.war"), random);
        try (DeployFixture f = new DeployFixture("deploy-kill", dir, docker, List.of("--queue-on-crash", "retry",
                "--queue-max-attempts", "3", "--queue-lease-ttl", "3s"))) {
            String stackId = f.createAndApply("services:\n  app:\n    image: tomcat:latest\n"
                + "    x-coremonitor-deploy: {target: tomcat}\n");
            String v1 = f.upload(DeployFixture.testApp("hello-v1.war"));
            String v2 = f.upload(big);
            String url = "http://" + f.address(stackId, "app") + ":8080/hello/version";
            f.runToEnd(f.deploy(stackId, v1, "/hello"), "DONE");

            JsonNode deploy = f.deploy(stackId, v2, "/hello");
            long id = deploy.path("command_id").asLong();
            await("DEPLOY_ARTIFACT running").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> f.api.get("/commands/" + id).json().path("status").asText(), "RUNNING"::equals);
            Thread.sleep(random.nextInt(400));
            f.server.kill9();
            // between the kill and the restart the service serves one whole version
            assertThat(f.get(url).body()).isIn("hello v1", "hello v2");
            f.server.start();
            JsonNode end = f.runToEndAny(deploy);
            String status = end.path("status").asText();
            assertThat(end.path("attempt").asInt()).as("runs of the command: " + end).isGreaterThanOrEqualTo(2);
            f.awaitBody(url, status.equals("DONE") ? "hello v2" : "hello v1");
            String listing = f.exec(f.containerId(stackId, "app"), "ls", "-a", "/usr/local/tomcat/webapps");
            assertThat(listing).as("webapps after the restart").doesNotContain(".part").contains("hello.war");
        }
    }

    /** The WAR with a 40 MB stored (uncompressed) entry of random bytes: its copy takes a while. */
    private static Path bigWar(Path war, Path out, Random random) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(war));
             ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                zip.putNextEntry(new ZipEntry(e.getName()));
                in.transferTo(zip);
                zip.closeEntry();
            }
            byte[] filler = new byte[40 * 1024 * 1024];
            random.nextBytes(filler);
            CRC32 crc = new CRC32();
            crc.update(filler);
            ZipEntry stored = new ZipEntry("filler.bin");
            stored.setMethod(ZipEntry.STORED);
            stored.setSize(filler.length);
            stored.setCompressedSize(filler.length);
            stored.setCrc(crc.getValue());
            zip.putNextEntry(stored);
            zip.write(filler);
            zip.closeEntry();
        }
        return out;
    }
}
