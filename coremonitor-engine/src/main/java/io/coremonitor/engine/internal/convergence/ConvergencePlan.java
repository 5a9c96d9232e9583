package io.coremonitor.engine.internal.convergence;

import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import io.coremonitor.docker.ContainerRequest;
import io.coremonitor.docker.NetworkRequest;
import io.coremonitor.docker.VolumeRequest;
import io.coremonitor.engine.StackPlan;
import io.coremonitor.model.ComposeDefinition;
import java.util.List;
import java.util.Map;

/**
 * A plan with what executing it needs.
 *
 * @param view             the public plan
 * @param definition       the desired definition
 * @param services         the services deployed (those without profiles), sorted
 * @param requests         create requests of every deployed service
 * @param existing         the existing container of every KEEP, RESTART and RECREATE service
 * @param networkIds       network key to id, for networks that exist
 * @param newNetworks      network key to request, for networks to create
 * @param volumeNames      volume key to Docker name, for every named volume used
 * @param newVolumes       volumes to create
 * @param removals         containers to stop and remove (services gone, duplicates, orphans)
 * @param networkRemovals  stack networks no longer used
 * @param networkRecreations network key to the request of a network whose settings changed (its id in networkIds)
 * @param volumeRecreations volume key to the request of a volume whose settings changed (its data is lost)
 */
record ConvergencePlan(
        StackPlan view,
        ComposeDefinition definition,
        List<String> services,
        Map<String, ContainerRequest> requests,
        Map<String, Container> existing,
        Map<String, String> networkIds,
        Map<String, NetworkRequest> newNetworks,
        Map<String, String> volumeNames,
        List<VolumeRequest> newVolumes,
        List<Container> removals,
        List<Network> networkRemovals,
        Map<String, NetworkRequest> networkRecreations,
        Map<String, VolumeRequest> volumeRecreations) {

    /** The same plan with another public view (its reasons annotated). */
    ConvergencePlan withView(StackPlan other) {
        return new ConvergencePlan(other, definition, services, requests, existing, networkIds, newNetworks, volumeNames, newVolumes,
            removals, networkRemovals, networkRecreations, volumeRecreations);
    }
}
