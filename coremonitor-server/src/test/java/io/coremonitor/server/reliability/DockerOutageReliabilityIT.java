package io.coremonitor.server.reliability;

import com.github.dockerjava.api.DockerClient;
import io.coremonitor.docker.testing.RequiresDocker;
import io.coremonitor.docker.testing.TestImages;
import io.coremonitor.docker.testing.UnixSocketRelay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Docker unreachable while the server works ({@link OutageScenario}): the server talks to Docker through a UNIX
 * socket relay that the test cuts and restores, so connections drop in the middle of calls (the shared daemon is
 * never stopped; {@link DockerRestartReliabilityIT} stops a private one).
 */
@RequiresDocker
class DockerOutageReliabilityIT {

    @Test
    void theServerRidesOutADockerOutage(@TempDir Path dir, DockerClient docker) throws Exception {
        TestImages.requireBusybox(docker);
        // a short path: UNIX socket paths are limited to ~100 bytes
        Path sockDir = Files.createTempDirectory(Path.of("/tmp"), "cmrel");
        List<String> stackIds = new ArrayList<>();
        try (UnixSocketRelay relay = new UnixSocketRelay(sockDir.resolve("d.sock"), Path.of("/var/run/docker.sock"))) {
            RelServer server = new RelServer("outage", dir.resolve("cm.db"), List.of("--docker-host", relay.dockerHost(),
                    "--queue-on-failure", "continue")).start();
            try {
                OutageScenario.run("outage", server, new OutageScenario.Outage() {
                    @Override
                    public void begin() {
                        relay.cut();
                    }

                    @Override
                    public void end() {
                        relay.restore();
                    }
                }, stackIds);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(e.getMessage() + "\n--- server log ---\n" + server.logTail(), e);
            } finally {
                server.close();
            }
        } finally {
            Cleanup.stacks(docker, stackIds);
            Files.deleteIfExists(sockDir.resolve("d.sock"));
            Files.deleteIfExists(sockDir);
        }
    }
}
