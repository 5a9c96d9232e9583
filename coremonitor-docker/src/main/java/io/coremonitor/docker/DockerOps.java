package io.coremonitor.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import io.coremonitor.docker.internal.DockerClientOps;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The Docker primitives convergence is made of. Reads ({@code list*}, {@code inspect*}, {@code logTail},
 * {@code imageExists}) never change the engine; every other method is a mutating call. A test can wrap an instance
 * to count or fail mutating calls.
 */
public interface DockerOps {

    /** The real implementation over a docker-java client. */
    static DockerOps of(DockerClient docker) {
        return new DockerClientOps(docker);
    }

    /**
     * Pings the engine: returns when it answers, throws (a connection failure, see
     * {@link DockerFailures#isConnectionFailure}) when it does not. Not a read of any state.
     */
    void ping();

    /** Containers (running or not) whose labels include every given {@code key=value}: one list call. */
    List<Container> listContainers(String labelKey, String labelValue);

    /** Networks labelled {@code key=value}: one list call. */
    List<Network> listNetworks(String labelKey, String labelValue);

    /** Volumes labelled {@code key=value}: one list call. */
    List<InspectVolumeResponse> listVolumes(String labelKey, String labelValue);

    /** A network by name or id (external networks are used by their name). */
    Optional<Network> findNetwork(String nameOrId);

    /** A volume by name. */
    Optional<InspectVolumeResponse> findVolume(String name);

    /**
     * The id of the stack's network labelled {@code coremonitor.network=key}, created from {@code request} when there is
     * none. Ensuring a network that exists changes nothing (one list call).
     */
    default String ensureNetwork(String stackId, String key, NetworkRequest request) {
        return listNetworks(StackLabels.STACK_ID, stackId).stream()
            .filter(n -> n.getLabels() != null && key.equals(n.getLabels().get(StackLabels.NETWORK)))
            .map(Network::getId).findFirst().orElseGet(() -> createNetwork(request));
    }

    /**
     * The name of the stack's volume labelled {@code coremonitor.volume=key}, created from {@code request} when there is
     * none. Ensuring a volume that exists changes nothing (one list call).
     */
    default String ensureVolume(String stackId, String key, VolumeRequest request) {
        return listVolumes(StackLabels.STACK_ID, stackId).stream()
            .filter(v -> v.getLabels() != null && key.equals(v.getLabels().get(StackLabels.VOLUME)))
            .map(InspectVolumeResponse::getName).findFirst().orElseGet(() -> {
                createVolume(request);
                return request.name();
            });
    }

    /** Creates a network; returns its id. */
    String createNetwork(NetworkRequest request);

    /** Creates a named volume. */
    void createVolume(VolumeRequest request);

    /** Creates a container, stopped, joined to its extra networks; returns its id. */
    String createContainer(ContainerRequest request);

    /**
     * Creates a container like {@link #createContainer(ContainerRequest)} and hands each warning of the engine (a
     * setting it discarded, such as a block IO weight on a kernel without that cgroup) to {@code warnings}.
     */
    default String createContainer(ContainerRequest request, java.util.function.Consumer<String> warnings) {
        return createContainer(request);
    }

    void startContainer(String containerId);

    /** Connects a container (running or not) to a network, with the join's aliases and addresses. */
    void connectContainer(String containerId, NetworkJoin join);

    /** Disconnects a container (running or not) from a network, forced. */
    void disconnectContainer(String containerId, String networkId);

    /** Renames a container. */
    void renameContainer(String containerId, String name);

    /**
     * Stops a container with its own stop signal; SIGKILL after {@code timeoutSeconds}, or when null after the
     * container's {@code stop_grace_period} (its {@link StackLabels#STOP_TIMEOUT} label), else Docker's 10 seconds.
     * Stopping a stopped container is a no-op.
     */
    void stopContainer(String containerId, Integer timeoutSeconds);

    /** Removes a container (forced), with its anonymous volumes. Removing a missing container is a no-op. */
    void removeContainer(String containerId);

    /** Removes a network; a missing one is a no-op. */
    void removeNetwork(String networkId);

    /** Removes a named volume; a missing one is a no-op. */
    void removeVolume(String name);

    InspectContainerResponse inspectContainer(String containerId);

    /** The last {@code lines} lines of a container's stdout and stderr, interleaved. */
    String logTail(String containerId, int lines);

    boolean imageExists(String image);

    /**
     * Pulls an image, giving up after {@code timeout}.
     *
     * @throws ImageUnavailableException when it cannot be pulled
     */
    void pullImage(String image, Duration timeout);

    /**
     * Extracts a tar archive into {@code directory} of a container (Docker's archive upload: entries keep the mode,
     * owner and modification time their headers say). The file is streamed, not loaded in memory.
     *
     * @param directory an absolute directory that exists in the container
     * @throws com.github.dockerjava.api.exception.NotFoundException when the container or the directory is missing
     */
    void copyToContainer(String containerId, String directory, Path tarFile);

    /**
     * As {@link #copyToContainer(String, String, Path)}, from a tar archive held in memory: for small archives that must
     * never be written to disk (secret files).
     */
    void copyToContainer(String containerId, String directory, byte[] tar);

    /**
     * Runs a command in a running container, as its default user, without a TTY, and waits for it to end.
     *
     * @return its exit code and its output ({@link ExecResult#MAX_CAPTURED_BYTES} of each stream at most)
     * @throws ExecTimeoutException when it did not end within {@code timeout}
     */
    ExecResult exec(String containerId, List<String> command, Duration timeout);

    /**
     * Runs a command like {@link #exec(String, List, Duration)}, with {@code options} (user, privileges, working directory,
     * extra variables).
     */
    default ExecResult exec(String containerId, List<String> command, ExecOptions options, Duration timeout) {
        if (options.equals(ExecOptions.DEFAULT)) {
            return exec(containerId, command, timeout);
        }
        throw new UnsupportedOperationException(getClass().getSimpleName() + " runs commands with the default options only");
    }

    /**
     * The container's stdout and stderr lines that Docker received at {@code since} or later, in order, without their
     * timestamps; waits at most {@code timeout} for Docker to send them (what came by then when it did not).
     */
    List<String> logsSince(String containerId, Instant since, Duration timeout);
}
