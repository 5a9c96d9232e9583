package io.coremonitor.server.it;

import com.github.dockerjava.api.DockerClient;
import io.coremonitor.docker.testing.RequiresDocker;
import io.coremonitor.docker.testing.TestImages;
import io.coremonitor.store.testing.TestPostgres;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The same flow with PostgreSQL as the database: a fresh schema named by {@code currentSchema=} in the URL. */
@RequiresDocker
class PostgresServerIT {

    @Test
    void theWholeApiOnPostgres(DockerClient docker) throws Exception {
        TestPostgres.require();
        TestImages.requireBusybox(docker);
        String schema = TestPostgres.newSchemaName();
        String url = TestPostgres.url() + (TestPostgres.url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        try (ServerProcess server = new ServerProcess(Path.of("target", "it-logs"), url, Optional.of(ServerFlow.TOKEN))) {
            new ServerFlow(server, docker).run();
        } finally {
            TestPostgres.dropSchema(schema);
        }
    }
}
