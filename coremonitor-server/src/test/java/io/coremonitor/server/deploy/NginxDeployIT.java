package io.coremonitor.server.deploy;

import com.github.dockerjava.api.DockerClient;
import io.coremonitor.docker.testing.RequiresDocker;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A static site into nginx: the switch is a symlink rename, so a polling client sees no failure. */
@RequiresDocker
class NginxDeployIT extends DeployScenario {

    @Test
    void deploysSwitchesWithoutAFailedRequestRollsBackAndSurvivesARecreate(@TempDir Path dir, DockerClient docker)
            throws Exception {
        run(dir, docker);
    }

    @Override
    String image() {
        return "nginx:latest";
    }

    @Override
    String target() {
        return "nginx";
    }

    @Override
    int port() {
        return 80;
    }

    @Override
    String v1File() {
        return "site-v1.tar.gz";
    }

    @Override
    String v2File() {
        return "site-v2.tar.gz";
    }

    @Override
    Optional<String> path() {
        return Optional.empty();
    }

    @Override
    String versionPath() {
        return "/index.html";
    }

    @Override
    String v1Body() {
        return "<!doctype html><title>site</title>site v1";
    }

    @Override
    String v2Body() {
        return "<!doctype html><title>site</title>site v2";
    }

    @Override
    Optional<Map.Entry<String, String>> broken() {
        return Optional.empty();
    }

    @Override
    boolean seamless() {
        return true;
    }
}
