package io.coremonitor.engine.internal.convergence;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import io.coremonitor.docker.ContainerRequest;
import io.coremonitor.docker.DockerOps;
import io.coremonitor.docker.ExecResult;
import io.coremonitor.docker.NetworkJoin;
import io.coremonitor.docker.NetworkRequest;
import io.coremonitor.docker.VolumeRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Delegates to real ops and records every mutating call, and every read call (its kind only). */
final class CountingOps implements DockerOps {

    private final DockerOps delegate;
    final List<String> mutations = new CopyOnWriteArrayList<>();
    final List<String> reads = new CopyOnWriteArrayList<>();

    CountingOps(DockerOps delegate) {
        this.delegate = delegate;
    }

    @Override
    public List<Container> listContainers(String labelKey, String labelValue) {
        reads.add("listContainers");
        return delegate.listContainers(labelKey, labelValue);
    }

    @Override
    public List<Network> listNetworks(String labelKey, String labelValue) {
        reads.add("listNetworks");
        return delegate.listNetworks(labelKey, labelValue);
    }

    @Override
    public List<InspectVolumeResponse> listVolumes(String labelKey, String labelValue) {
        reads.add("listVolumes");
        return delegate.listVolumes(labelKey, labelValue);
    }

    @Override
    public Optional<Network> findNetwork(String nameOrId) {
        reads.add("findNetwork");
        return delegate.findNetwork(nameOrId);
    }

    @Override
    public Optional<InspectVolumeResponse> findVolume(String name) {
        reads.add("findVolume");
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
    public String createContainer(ContainerRequest request, java.util.function.Consumer<String> warnings) {
        mutations.add("createContainer " + request.name());
        return delegate.createContainer(request, warnings);
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
    public void connectContainer(String containerId, NetworkJoin join) {
        mutations.add("connect " + containerId + " " + join.network());
        delegate.connectContainer(containerId, join);
    }

    @Override
    public void disconnectContainer(String containerId, String networkId) {
        mutations.add("disconnect " + containerId + " " + networkId);
        delegate.disconnectContainer(containerId, networkId);
    }

    @Override
    public void renameContainer(String containerId, String name) {
        mutations.add("rename " + containerId + " " + name);
        delegate.renameContainer(containerId, name);
    }

    @Override
    public void removeVolume(String name) {
        mutations.add("removeVolume " + name);
        delegate.removeVolume(name);
    }

    @Override
    public InspectContainerResponse inspectContainer(String containerId) {
        reads.add("inspectContainer");
        return delegate.inspectContainer(containerId);
    }

    @Override
    public String logTail(String containerId, int lines) {
        reads.add("logTail");
        return delegate.logTail(containerId, lines);
    }

    /** Not counted: a probe of the engine, not a read of the stack's state. */
    @Override
    public void ping() {
        delegate.ping();
    }

    @Override
    public boolean imageExists(String image) {
        reads.add("imageExists");
        return delegate.imageExists(image);
    }

    @Override
    public void pullImage(String image, Duration timeout) {
        mutations.add("pull " + image);
        delegate.pullImage(image, timeout);
    }

    @Override
    public void copyToContainer(String containerId, String directory, Path tarFile) {
        mutations.add("copyToContainer " + containerId + " " + directory);
        delegate.copyToContainer(containerId, directory, tarFile);
    }

    @Override
    public void copyToContainer(String containerId, String directory, byte[] tar) {
        mutations.add("copyToContainer " + containerId + " " + directory);
        delegate.copyToContainer(containerId, directory, tar);
    }

    @Override
    public ExecResult exec(String containerId, List<String> command, Duration timeout) {
        mutations.add("exec " + containerId + " " + command);
        return delegate.exec(containerId, command, timeout);
    }

    @Override
    public ExecResult exec(String containerId, List<String> command, io.coremonitor.docker.ExecOptions options, Duration timeout) {
        mutations.add("exec " + containerId + " " + command);
        return delegate.exec(containerId, command, options, timeout);
    }

    @Override
    public List<String> logsSince(String containerId, Instant since, Duration timeout) {
        reads.add("logsSince");
        return delegate.logsSince(containerId, since, timeout);
    }
}
