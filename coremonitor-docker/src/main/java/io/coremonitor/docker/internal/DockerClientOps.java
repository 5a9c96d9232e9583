package io.coremonitor.docker.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.command.CreateNetworkCmd;
import com.github.dockerjava.api.command.CreateVolumeCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Link;
import com.github.dockerjava.api.model.Network;
import io.coremonitor.docker.ContainerRequest;
import io.coremonitor.docker.DockerFailures;
import io.coremonitor.docker.DockerOps;
import io.coremonitor.docker.ExecOptions;
import io.coremonitor.docker.ExecResult;
import io.coremonitor.docker.ImageUnavailableException;
import io.coremonitor.docker.LogLine;
import io.coremonitor.docker.NetworkJoin;
import io.coremonitor.docker.NetworkRequest;
import io.coremonitor.docker.ServiceLogs;
import io.coremonitor.docker.StackLabels;
import io.coremonitor.docker.VolumeRequest;
import io.coremonitor.model.Ipam;
import io.coremonitor.model.IpamPool;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link DockerOps} over a docker-java client. */
public final class DockerClientOps implements DockerOps {

    private static final Duration LOG_TAIL_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(DockerClientOps.class);

    private final DockerClient docker;
    /** The engine's operating system ({@code linux}, {@code windows}), asked once when a setting depends on it. */
    private volatile String engineOs;

    public DockerClientOps(DockerClient docker) {
        this.docker = Objects.requireNonNull(docker, "docker");
    }

    @Override
    public List<Container> listContainers(String labelKey, String labelValue) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(labelKey + "=" + labelValue)).exec();
    }

    @Override
    public List<Network> listNetworks(String labelKey, String labelValue) {
        return docker.listNetworksCmd().withFilter("label", List.of(labelKey + "=" + labelValue)).exec();
    }

    @Override
    public List<InspectVolumeResponse> listVolumes(String labelKey, String labelValue) {
        List<InspectVolumeResponse> volumes = docker.listVolumesCmd().withFilter("label", List.of(labelKey + "=" + labelValue))
            .exec().getVolumes();
        return volumes == null ? List.of() : volumes;
    }

    @Override
    public Optional<Network> findNetwork(String nameOrId) {
        try {
            return Optional.of(docker.inspectNetworkCmd().withNetworkId(nameOrId).exec());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<InspectVolumeResponse> findVolume(String name) {
        try {
            return Optional.of(docker.inspectVolumeCmd(name).exec());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public String createNetwork(NetworkRequest request) {
        CreateNetworkCmd cmd = docker.createNetworkCmd().withName(request.name()).withLabels(request.labels())
            .withCheckDuplicate(true).withInternal(request.internal()).withAttachable(request.attachable())
            .withEnableIpv6(request.enableIpv6());
        request.driver().ifPresent(cmd::withDriver);
        if (!request.options().isEmpty()) {
            cmd.withOptions(request.options());
        }
        request.ipam().ifPresent(ipam -> cmd.withIpam(ipam(ipam)));
        return cmd.exec().getId();
    }

    private static Network.Ipam ipam(Ipam ipam) {
        Network.Ipam result = new Network.Ipam();
        ipam.driver().ifPresent(result::withDriver);
        List<Network.Ipam.Config> configs = new ArrayList<>();
        for (IpamPool pool : ipam.config()) {
            Network.Ipam.Config config = new Network.Ipam.Config();
            pool.subnet().ifPresent(config::withSubnet);
            pool.gateway().ifPresent(config::withGateway);
            pool.ipRange().ifPresent(config::withIpRange);
            configs.add(config);
        }
        return result.withConfig(configs);
    }

    @Override
    public void createVolume(VolumeRequest request) {
        CreateVolumeCmd cmd = docker.createVolumeCmd().withName(request.name()).withLabels(request.labels());
        request.driver().ifPresent(cmd::withDriver);
        if (!request.driverOpts().isEmpty()) {
            cmd.withDriverOpts(request.driverOpts());
        }
        cmd.exec();
    }

    @Override
    public String createContainer(ContainerRequest request) {
        return createContainer(request, warning -> LOG.warn("container {}: {}", request.name(), warning));
    }

    @Override
    public String createContainer(ContainerRequest request, Consumer<String> warnings) {
        CreateContainerCmd cmd = request.applyTo(docker.createContainerCmd(request.image()));
        refuseWindowsOnly(cmd.getHostConfig());
        CreateContainerResponse created = cmd.exec();
        String id = created.getId();
        if (created.getWarnings() != null) {
            Arrays.stream(created.getWarnings()).filter(w -> w != null && !w.isBlank()).forEach(warnings);
        }
        for (NetworkJoin join : request.extraNetworks()) {
            connectContainer(id, join);
        }
        return id;
    }

    /**
     * {@code cpu_count} and {@code cpu_percent} work on a Windows engine only; a Linux engine stores them without effect, so
     * they are refused here as the Docker CLI refuses {@code --cpu-count}.
     */
    private void refuseWindowsOnly(HostConfig host) {
        List<String> keys = new ArrayList<>();
        if (host != null && host.getCpuCount() != null && host.getCpuCount() > 0) {
            keys.add("cpu_count");
        }
        if (host != null && host.getCpuPercent() != null && host.getCpuPercent() > 0) {
            keys.add("cpu_percent");
        }
        if (keys.isEmpty()) {
            return;
        }
        String os = engineOs();
        if (!"windows".equalsIgnoreCase(os)) {
            throw new IllegalArgumentException(String.join(" and ", keys) + (keys.size() == 1 ? " is" : " are")
                + " only supported on a Docker engine running on Windows, but this engine runs on " + os);
        }
    }

    private String engineOs() {
        String os = engineOs;
        if (os == null) {
            os = Optional.ofNullable(docker.infoCmd().exec().getOsType()).orElse("an unknown system");
            engineOs = os;
        }
        return os;
    }

    @Override
    public void connectContainer(String containerId, NetworkJoin join) {
        ContainerNetwork endpoint = new ContainerNetwork().withAliases(join.aliases());
        if (join.ipv4Address().isPresent() || join.ipv6Address().isPresent()) {
            ContainerNetwork.Ipam ipam = new ContainerNetwork.Ipam();
            join.ipv4Address().ifPresent(ipam::withIpv4Address);
            join.ipv6Address().ifPresent(ipam::withIpv6Address);
            endpoint.withIpamConfig(ipam);
        }
        join.macAddress().ifPresent(endpoint::withMacAddress);
        if (!join.links().isEmpty()) {
            endpoint.withLinks(join.links().stream().map(Link::parse).toList());
        }
        docker.connectToNetworkCmd().withNetworkId(join.network()).withContainerId(containerId).withContainerNetwork(endpoint).exec();
    }

    @Override
    public void disconnectContainer(String containerId, String networkId) {
        docker.disconnectFromNetworkCmd().withNetworkId(networkId).withContainerId(containerId).withForce(true).exec();
    }

    @Override
    public void renameContainer(String containerId, String name) {
        docker.renameContainerCmd(containerId).withName(name).exec();
    }

    @Override
    public void startContainer(String containerId) {
        try {
            docker.startContainerCmd(containerId).exec();
        } catch (NotModifiedException alreadyStarted) {
            // started meanwhile: the goal is reached
        }
    }

    @Override
    public void stopContainer(String containerId, Integer timeoutSeconds) {
        try {
            var cmd = docker.stopContainerCmd(containerId);
            Integer timeout = timeoutSeconds != null ? timeoutSeconds : configuredStopTimeout(containerId);
            if (timeout != null) {
                cmd.withTimeout(timeout);
            }
            cmd.exec();
        } catch (NotModifiedException | NotFoundException alreadyStopped) {
            // stopped or gone: the goal is reached
        }
    }

    /** The container's {@code stop_grace_period} from its label, when it has one. */
    private Integer configuredStopTimeout(String containerId) {
        Map<String, String> labels = docker.inspectContainerCmd(containerId).exec().getConfig().getLabels();
        String seconds = labels == null ? null : labels.get(StackLabels.STOP_TIMEOUT);
        return seconds != null && seconds.matches("[0-9]{1,9}") ? Integer.valueOf(seconds) : null;
    }

    @Override
    public void removeContainer(String containerId) {
        try {
            docker.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException gone) {
            // already removed
        }
    }

    @Override
    public void removeNetwork(String networkId) {
        try {
            docker.removeNetworkCmd(networkId).exec();
        } catch (NotFoundException gone) {
            // already removed
        }
    }

    @Override
    public void removeVolume(String name) {
        try {
            docker.removeVolumeCmd(name).exec();
        } catch (NotFoundException gone) {
            // already removed
        }
    }

    @Override
    public InspectContainerResponse inspectContainer(String containerId) {
        return docker.inspectContainerCmd(containerId).exec();
    }

    @Override
    public String logTail(String containerId, int lines) {
        StringBuilder out = new StringBuilder();
        try {
            for (LogLine line : new ServiceLogs(docker).tail(containerId, lines, LOG_TAIL_TIMEOUT)) {
                out.append(line.text()).append('\n');
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            return "(logs unavailable: " + DockerFailures.describe(e) + ")";
        }
        return out.toString();
    }

    @Override
    public void ping() {
        docker.pingCmd().exec();
    }

    @Override
    public boolean imageExists(String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    @Override
    public void pullImage(String image, Duration timeout) {
        PullImageResultCallback callback = new PullImageResultCallback();
        try {
            docker.pullImageCmd(image).exec(callback);
            if (!callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ImageUnavailableException(image, "pull timed out after " + timeout.toSeconds() + "s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageUnavailableException(image, "interrupted");
        } catch (ImageUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ImageUnavailableException(image, DockerFailures.describe(e));
        } finally {
            try {
                callback.close();
            } catch (java.io.IOException | RuntimeException ignored) {
                // best effort
            }
        }
        if (!imageExists(image)) {
            throw new ImageUnavailableException(image, "the pull ended but the engine has no such image");
        }
    }

    @Override
    public void copyToContainer(String containerId, String directory, Path tarFile) {
        try (InputStream tar = Files.newInputStream(tarFile)) {
            docker.copyArchiveToContainerCmd(containerId).withRemotePath(directory).withTarInputStream(tar).exec();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + tarFile, e);
        }
    }

    @Override
    public void copyToContainer(String containerId, String directory, byte[] tar) {
        docker.copyArchiveToContainerCmd(containerId).withRemotePath(directory)
            .withTarInputStream(new ByteArrayInputStream(tar)).exec();
    }

    @Override
    public ExecResult exec(String containerId, List<String> command, Duration timeout) {
        return new ExecRunner(docker).run(containerId, List.copyOf(command), ExecOptions.DEFAULT, timeout);
    }

    @Override
    public ExecResult exec(String containerId, List<String> command, ExecOptions options, Duration timeout) {
        return new ExecRunner(docker).run(containerId, List.copyOf(command), options, timeout);
    }

    @Override
    public List<String> logsSince(String containerId, Instant since, Duration timeout) {
        try {
            return new ServiceLogs(docker).since(containerId, since, timeout).stream().map(LogLine::text).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the log of " + containerId, e);
        }
    }
}
