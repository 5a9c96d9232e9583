package io.coremonitor.server.reliability;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import java.util.Collection;
import java.util.List;

/** Removes the containers and networks Core Monitor made for the given stacks (by their labels). */
final class Cleanup {

    private Cleanup() {
    }

    static void stacks(DockerClient docker, Collection<String> stackIds) {
        for (String id : stackIds) {
            try {
                List<Container> cs = docker.listContainersCmd().withShowAll(true)
                        .withLabelFilter(List.of("coremonitor.managed", "coremonitor.stack_id=" + id)).exec();
                for (Container c : cs) {
                    docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
                }
                docker.listNetworksCmd().withFilter("label", List.of("coremonitor.stack_id=" + id)).exec()
                        .forEach(n -> docker.removeNetworkCmd(n.getId()).exec());
            } catch (RuntimeException e) {
                System.err.println("cleanup of stack " + id + " failed: " + e);
            }
        }
    }
}
