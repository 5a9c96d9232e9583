package io.coremonitor.engine.internal.convergence;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import io.coremonitor.docker.ContainerRequest;
import io.coremonitor.docker.DockerOps;
import io.coremonitor.docker.NetworkRequest;
import io.coremonitor.docker.VolumeRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Delegates to real ops and records every mutating call. */
final class CountingOps implements DockerOps {

    private final DockerOps delegate;
    final List<String> mutations = new CopyOnWriteArrayList<>();

    CountingOps(DockerOps delegate) {
        this.delegate = delegate;
    }

    @Override
    public List<Container> listContainers(String labelKey, String labelValue) {
        return delegate.listContainers(labelKey, labelValue);
    }

    @Override
    public List<Network> listNetworks(String labelKey, String labelValue) {
        return delegate.listNetworks(labelKey, labelValue);
    }

    @Override
    public List<InspectVolumeResponse> listVolumes(String labelKey, String labelValue) {
        return delegate.listVolumes(labelKey, labelValue);
    }

    @Override
    public Optional<Network> findNetwork(String nameOrId) {
        return delegate.findNetwork(nameOrId);
    }

    @Override
    public Optional<InspectVolumeResponse> findVolume(String name) {
        return delegate.findVolume(name);
    }

    @Override
    public String createNetwork(NetworkRequest request) {
        mutations.add("createNetwork " + request.name());
        return delegate.createNetwork(request);
    }

    @Override
    public void createVolume(VolumeRequest request) {
        mutations.add("createVolume " + request.name());
        delegate.createVolume(request);
    }

    @Override
    public String createContainer(ContainerRequest request) {
        mutations.add("createContainer " + request.name());
        return delegate.createContainer(request);
    }

    @Override
    public void startContainer(String containerId) {
        mutations.add("start " + containerId);
        delegate.startContainer(containerId);
    }

    @Override
    public void stopContainer(String containerId, Integer timeoutSeconds) {
        mutations.add("stop " + containerId);
        delegate.stopContainer(containerId, timeoutSeconds);
    }

    @Override
    public void removeContainer(String containerId) {
        mutations.add("removeContainer " + containerId);
        delegate.removeContainer(containerId);
    }

    @Override
    public void removeNetwork(String networkId) {
        mutations.add("removeNetwork " + networkId);
        delegate.removeNetwork(networkId);
    }

    @Override
    public void removeVolume(String name) {
        mutations.add("removeVolume " + name);
        delegate.removeVolume(name);
    }

    @Override
    public InspectContainerResponse inspectContainer(String containerId) {
        return delegate.inspectContainer(containerId);
    }

    @Override
    public String logTail(String containerId, int lines) {
        return delegate.logTail(containerId, lines);
    }

    @Override
    public boolean imageExists(String image) {
        return delegate.imageExists(image);
    }

    @Override
    public void pullImage(String image, Duration timeout) {
        mutations.add("pull " + image);
        delegate.pullImage(image, timeout);
    }
}
