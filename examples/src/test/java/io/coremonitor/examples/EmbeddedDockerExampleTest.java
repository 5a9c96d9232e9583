package io.coremonitor.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import io.coremonitor.docker.DockerSettings;
import io.coremonitor.docker.StackLabels;
import io.coremonitor.docker.testing.RequiresDocker;
import io.coremonitor.docker.testing.TestImages;
import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.CommandType;
import io.coremonitor.model.StackState;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded engine example against the real Docker engine: the stack runs after its APPLY and is gone after DELETE. */
@RequiresDocker
class EmbeddedDockerExampleTest {

    @Test
    void appliesRunsAndDeletesAStack(@TempDir Path dir, DockerClient docker, DockerSettings settings) {
        TestImages.requireBusybox(docker);
        String name = "embedded-ex-" + UUID.randomUUID().toString().substring(0, 8);
        EmbeddedDockerExample.Outcome outcome = EmbeddedDockerExample.run(dir.resolve("cm.db"), settings, name);
        try {
            assertThat(outcome.apply().type()).isEqualTo(CommandType.APPLY_STACK_VERSION);
            assertThat(outcome.apply().status()).as(outcome.apply().error().orElse("")).isEqualTo(CommandStatus.DONE);
            assertThat(outcome.status().actual()).isEqualTo(StackState.RUNNING);
            assertThat(outcome.status().version()).contains("v1");
            assertThat(outcome.status().services()).containsOnlyKeys("web");
            assertThat(outcome.status().services().get("web").state()).isEqualTo("running");
            assertThat(outcome.delete().type()).isEqualTo(CommandType.DELETE_STACK);
            assertThat(outcome.delete().status()).isEqualTo(CommandStatus.DONE);
            assertThat(outcome.succeeded()).isTrue();
            assertThat(containersOf(docker, outcome.apply().stackId())).isEmpty();
        } finally {
            containersOf(docker, outcome.apply().stackId())
                    .forEach(id -> docker.removeContainerCmd(id).withForce(true).exec());
        }
    }

    private static List<String> containersOf(DockerClient docker, String stackId) {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of(StackLabels.STACK_ID + "=" + stackId)).exec().stream()
                .map(c -> c.getId()).toList();
    }
}
