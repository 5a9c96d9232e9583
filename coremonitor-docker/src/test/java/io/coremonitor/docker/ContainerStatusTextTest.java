package io.coremonitor.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Container;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerStatusTextTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsTheExitCodeOfExitedAndRestartingContainers() {
        assertThat(ContainerStatusText.exitCode("Exited (0) 5 seconds ago")).contains(0);
        assertThat(ContainerStatusText.exitCode("Exited (137) About a minute ago")).contains(137);
        assertThat(ContainerStatusText.exitCode("Exited (-1) 2 hours ago")).contains(-1);
        assertThat(ContainerStatusText.exitCode("Restarting (1) Less than a second ago")).contains(1);
        assertThat(ContainerStatusText.exitCode(" Exited (2) 3 weeks ago")).contains(2);
    }

    @Test
    void anyOtherStatusHasNoExitCode() {
        assertThat(ContainerStatusText.exitCode("Up 5 minutes")).isEmpty();
        assertThat(ContainerStatusText.exitCode("Up 2 minutes (healthy)")).isEmpty();
        assertThat(ContainerStatusText.exitCode("Created")).isEmpty();
        assertThat(ContainerStatusText.exitCode("Dead")).isEmpty();
        assertThat(ContainerStatusText.exitCode("Removal In Progress")).isEmpty();
        assertThat(ContainerStatusText.exitCode("")).isEmpty();
        assertThat(ContainerStatusText.exitCode((String) null)).isEmpty();
        assertThat(ContainerStatusText.exitCode("Up 1 second, was Exited (3)")).isEmpty();
        assertThat(ContainerStatusText.exitCode("Exited (99999999999) 1 second ago")).isEmpty();
    }

    @Test
    void exitedCleanlyNeedsStateExitedAndCodeZero() throws Exception {
        assertThat(ContainerStatusText.exitedCleanly(container("exited", "Exited (0) 1 second ago"))).isTrue();
        assertThat(ContainerStatusText.exitedCleanly(container("exited", "Exited (1) 1 second ago"))).isFalse();
        assertThat(ContainerStatusText.exitedCleanly(container("running", "Up 3 seconds"))).isFalse();
        assertThat(ContainerStatusText.exitedCleanly(container("restarting", "Restarting (0) 1 second ago"))).isFalse();
        assertThat(ContainerStatusText.exitCode(container("restarting", "Restarting (0) 1 second ago"))).contains(0);
    }

    /** A listed container as Docker's list call answers it. */
    private static Container container(String state, String status) throws Exception {
        return JSON.readValue(JSON.writeValueAsString(Map.of("Id", "c1", "State", state, "Status", status)), Container.class);
    }
}
