package io.coremonitor.engine.internal.convergence;

import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import io.coremonitor.docker.DockerOps;
import io.coremonitor.docker.StackLabels;
import java.util.List;

/** What Docker reports for a stack's label: three list calls. */
record Observed(List<Container> containers, List<Network> networks, List<InspectVolumeResponse> volumes) {

    static Observed of(DockerOps ops, String stackId) {
        return new Observed(ops.listContainers(StackLabels.STACK_ID, stackId), ops.listNetworks(StackLabels.STACK_ID, stackId),
            ops.listVolumes(StackLabels.STACK_ID, stackId));
    }
}
