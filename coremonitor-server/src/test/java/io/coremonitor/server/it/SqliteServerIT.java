package io.coremonitor.server.it;

import com.github.dockerjava.api.DockerClient;
import io.coremonitor.docker.testing.RequiresDocker;
import io.coremonitor.docker.testing.TestImages;
import io.coremonitor.server.reliability.RelServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server jar as a process, on a temporary SQLite file and the real Docker engine: the whole API. */
@RequiresDocker
class SqliteServerIT {

    @Test
    void theWholeApiOnSqlite(@TempDir Path dir, DockerClient docker) throws Exception {
        TestImages.requireBusybox(docker);
        try (RelServer server = new RelServer("it-sqlite", dir.resolve("cm.db").toString(),
                List.of("--token", ServerFlow.TOKEN)).start()) {
            new ServerFlow(server, docker).run();
        }
    }
}
