package io.coremonitor.server.it;

import com.github.dockerjava.api.DockerClient;
import io.coremonitor.docker.testing.RequiresDocker;
import io.coremonitor.docker.testing.TestImages;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server jar as a process, on a temporary SQLite file and the real Docker engine: the whole API. */
@RequiresDocker
class SqliteServerIT {

    @Test
    void theWholeApiOnSqlite(@TempDir Path dir, DockerClient docker) throws Exception {
        TestImages.requireBusybox(docker);
        try (ServerProcess server = new ServerProcess(Path.of("target", "it-logs"), dir.resolve("cm.db").toString(),
                Optional.of(ServerFlow.TOKEN))) {
            new ServerFlow(server, docker).run();
        }
    }
}
