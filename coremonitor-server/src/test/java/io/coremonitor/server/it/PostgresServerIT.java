package io.coremonitor.server.it;

import com.github.dockerjava.api.DockerClient;
import io.coremonitor.docker.testing.RequiresDocker;
import io.coremonitor.docker.testing.TestImages;
import io.coremonitor.server.reliability.RelServer;
import io.coremonitor.store.testing.TestPostgres;
import java.util.List;
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
        try (RelServer server = new RelServer("it-postgres", url, List.of("--token", ServerFlow.TOKEN)).start()) {
            new ServerFlow(server, docker).run();
        } finally {
            TestPostgres.dropSchema(schema);
        }
    }
}
