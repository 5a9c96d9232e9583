package io.coremonitor.docker.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Container;
import io.coremonitor.docker.StackLabels;
import java.util.List;

/** Removes what a test's stack left on the engine: its containers, networks and volumes, found by the stack id label. */
public final class StackCleanup {

    private StackCleanup() {
    }

    /** Removes the stack's containers (forced, with their anonymous volumes), then its networks and named volumes. */
    public static void remove(DockerClient docker, String stackId) {
        List<String> label = List.of(StackLabels.STACK_ID + "=" + stackId);
        for (Container c : docker.listContainersCmd().withShowAll(true).withLabelFilter(label).exec()) {
            docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
        }
        docker.listNetworksCmd().withFilter("label", label).exec().forEach(n -> docker.removeNetworkCmd(n.getId()).exec());
        List<InspectVolumeResponse> volumes = docker.listVolumesCmd().withFilter("label", label).exec().getVolumes();
        if (volumes != null) {
            volumes.forEach(v -> docker.removeVolumeCmd(v.getName()).exec());
        }
    }
}
