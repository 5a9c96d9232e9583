package io.coremonitor.engine.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DockerPathsTest {

    @Test
    void idsNamesVersionsAndQueriesLeaveTheTemplate() {
        assertThat(DockerPaths.template("/_ping")).isEqualTo("/_ping");
        assertThat(DockerPaths.template("/v1.41/containers/json?all=1&filters=%7B%7D")).isEqualTo("/containers/json");
        assertThat(DockerPaths.template("/containers/3f2a9c/json")).isEqualTo("/containers/{id}/json");
        assertThat(DockerPaths.template("/v1.41/containers/3f2a9c")).isEqualTo("/containers/{id}");
        assertThat(DockerPaths.template("/containers/create?name=shop-web")).isEqualTo("/containers/create");
        assertThat(DockerPaths.template("/containers/json/json")).as("a container named json")
                .isEqualTo("/containers/{id}/json");
        assertThat(DockerPaths.template("/images/coremonitor-test/busybox:latest/json")).isEqualTo("/images/{id}/json");
        assertThat(DockerPaths.template("/images/coremonitor-test/busybox:latest")).isEqualTo("/images/{id}");
        assertThat(DockerPaths.template("/images/create?fromImage=busybox&tag=latest")).isEqualTo("/images/create");
        assertThat(DockerPaths.template("/networks/abc/connect")).isEqualTo("/networks/{id}/connect");
        assertThat(DockerPaths.template("/exec/abc/start")).isEqualTo("/exec/{id}/start");
        assertThat(DockerPaths.template("/events?since=1")).isEqualTo("/events");
        assertThat(DockerPaths.template("/v1.41/system/df")).isEqualTo("/system/df");
        assertThat(DockerPaths.template("/somewhere/else")).isEqualTo("/other");
        assertThat(DockerPaths.template("/")).isEqualTo("/other");
    }
}
