package io.coremonitor.server.deploy;

import com.github.dockerjava.api.DockerClient;
import io.coremonitor.docker.testing.RequiresDocker;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A WAR into Tomcat: renamed into webapps, judged from Tomcat's own log, then checked over HTTP. */
@RequiresDocker
class TomcatDeployIT extends DeployScenario {

    @Test
    void deploysRedeploysRefusesABrokenWarRollsBackAndSurvivesARecreate(@TempDir Path dir, DockerClient docker)
            throws Exception {
        run(dir, docker);
    }

    @Override
    String image() {
        return "tomcat:latest";
    }

    @Override
    String target() {
        return "tomcat";
    }

    @Override
    int port() {
        return 8080;
    }

    @Override
    String v1File() {
        return "hello-v1.war";
    }

    @Override
    String v2File() {
        return "hello-v2.war";
    }

    @Override
    Optional<String> path() {
        return Optional.of("/hello");
    }

    @Override
    String versionPath() {
        return "/hello/version";
    }

    @Override
    String v1Body() {
        return "hello v1";
    }

    @Override
    String v2Body() {
        return "hello v2";
    }

    @Override
    Optional<Map.Entry<String, String>> broken() {
        return Optional.of(Map.entry("broken.war", "listeners failed to start"));
    }

    @Override
    boolean seamless() {
        return false;
    }
}
