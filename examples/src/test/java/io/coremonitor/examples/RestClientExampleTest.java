package io.coremonitor.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import io.coremonitor.docker.testing.RequiresDocker;
import io.coremonitor.docker.testing.TestImages;
import io.coremonitor.server.CoreMonitorServer;
import io.coremonitor.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST client example against a server started in-process (SQLite in a temp dir, the real Docker engine). */
@RequiresDocker
class RestClientExampleTest {

    @Test
    void createsAppliesPollsAndPrintsTheStatus(@TempDir Path dir, DockerClient docker) throws Exception {
        TestImages.requireBusybox(docker);
        String name = "rest-ex-" + UUID.randomUUID().toString().substring(0, 8);
        ServerConfig config = ServerConfig.parse(List.of("--port", "0", "--db", dir.resolve("cm.db").toString(),
                "--data-dir", dir.toString(), "--token", "example-token"), Map.of());
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (CoreMonitorServer server = CoreMonitorServer.start(config)) {
            RestClientExample example = new RestClientExample(server.baseUrl().toString(), "example-token",
                    new PrintStream(captured, true, StandardCharsets.UTF_8));
            String status = example.run(name, true);
            String output = captured.toString(StandardCharsets.UTF_8);
            System.out.print(output);
            assertThat(status).isEqualTo("DONE");
            assertThat(output).contains("created stack " + name).contains("ended DONE").contains("actual RUNNING")
                    .contains("service web: running").contains("delete ended DONE");
        } finally {
            docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of("coremonitor.managed", "true")).exec()
                    .stream().filter(c -> c.getNames()[0].contains(name))
                    .forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).exec());
        }
    }
}
