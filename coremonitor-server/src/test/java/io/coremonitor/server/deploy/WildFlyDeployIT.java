package io.coremonitor.server.deploy;

import com.github.dockerjava.api.DockerClient;
import io.coremonitor.docker.testing.RequiresDocker;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A WAR into WildFly: handed to the deployment scanner (.dodeploy), judged by its .deployed or .failed marker. */
@RequiresDocker
class WildFlyDeployIT extends DeployScenario {

    @Test
    void deploysRedeploysRefusesABrokenWarRollsBackAndSurvivesARecreate(@TempDir Path dir, DockerClient docker)
            throws Exception {
        run(dir, docker);
    }

    @Override
    String image() {
        return "quay.io/wildfly/wildfly:latest";
    }

    @Override
    String target() {
        return "wildfly";
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
        return Optional.of(Map.entry("broken.war", "broken on purpose"));
    }

    @Override
    boolean seamless() {
        return false;
    }
}
