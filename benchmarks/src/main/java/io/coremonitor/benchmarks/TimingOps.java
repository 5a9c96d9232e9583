package io.coremonitor.benchmarks;

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
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/** Delegates to real ops; counts each kind of call and sums its wall time (calls may overlap when parallel). */
final class TimingOps implements DockerOps {

    private final DockerOps delegate;
    private final Map<String, LongAdder[]> calls = new ConcurrentHashMap<>();

    TimingOps(DockerOps delegate) {
        this.delegate = delegate;
    }

    void reset() {
        calls.clear();
    }

    /** {@code createContainer 20x 3100 ms, ...}: count and summed time per kind of call. */
    String summary() {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(calls).forEach((k, v) -> out.append(out.isEmpty() ? "" : ", ").append(k).append(' ').append(v[0].sum())
            .append("x ").append(v[1].sum() / 1_000_000).append(" ms"));
        return out.isEmpty() ? "no call" : out.toString();
    }

    private <T> T time(String kind, Supplier<T> call) {
        long start = System.nanoTime();
        try {
            return call.get();
        } finally {
            LongAdder[] c = calls.computeIfAbsent(kind, k -> new LongAdder[] {new LongAdder(), new LongAdder()});
            c[0].increment();
            c[1].add(System.nanoTime() - start);
        }
    }

    private void run(String kind, Runnable call) {
        time(kind, () -> {
            call.run();
            return null;
        });
    }

    @Override
    public List<Container> listContainers(String labelKey, String labelValue) {
        return time("listContainers", () -> delegate.listContainers(labelKey, labelValue));
    }

    @Override
    public List<Network> listNetworks(String labelKey, String labelValue) {
        return time("listNetworks", () -> delegate.listNetworks(labelKey, labelValue));
    }

    @Override
    public List<InspectVolumeResponse> listVolumes(String labelKey, String labelValue) {
        return time("listVolumes", () -> delegate.listVolumes(labelKey, labelValue));
    }

    @Override
    public Optional<Network> findNetwork(String nameOrId) {
        return time("findNetwork", () -> delegate.findNetwork(nameOrId));
    }

    @Override
    public Optional<InspectVolumeResponse> findVolume(String name) {
        return time("findVolume", () -> delegate.findVolume(name));
    }

    @Override
    public String createNetwork(NetworkRequest request) {
        return time("createNetwork", () -> delegate.createNetwork(request));
    }

    @Override
    public void createVolume(VolumeRequest request) {
        run("createVolume", () -> delegate.createVolume(request));
    }

    @Override
    public String createContainer(ContainerRequest request) {
        return time("createContainer", () -> delegate.createContainer(request));
    }

    @Override
    public void startContainer(String containerId) {
        run("startContainer", () -> delegate.startContainer(containerId));
    }

    @Override
    public void stopContainer(String containerId, Integer timeoutSeconds) {
        run("stopContainer", () -> delegate.stopContainer(containerId, timeoutSeconds));
    }

    @Override
    public void removeContainer(String containerId) {
        run("removeContainer", () -> delegate.removeContainer(containerId));
    }

    @Override
    public void removeNetwork(String networkId) {
        run("removeNetwork", () -> delegate.removeNetwork(networkId));
    }

    @Override
    public void removeVolume(String name) {
        run("removeVolume", () -> delegate.removeVolume(name));
    }

    @Override
    public InspectContainerResponse inspectContainer(String containerId) {
        return time("inspectContainer", () -> delegate.inspectContainer(containerId));
    }

    @Override
    public String logTail(String containerId, int lines) {
        return time("logTail", () -> delegate.logTail(containerId, lines));
    }

    @Override
    public void ping() {
        run("ping", delegate::ping);
    }

    @Override
    public boolean imageExists(String image) {
        return time("imageExists", () -> delegate.imageExists(image));
    }

    @Override
    public void pullImage(String image, Duration timeout) {
        run("pullImage", () -> delegate.pullImage(image, timeout));
    }
}
