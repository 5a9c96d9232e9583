package io.coremonitor.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A container to create (stopped), as translated from a service by {@link ServiceTranslator}.
 *
 * @param name         the container name
 * @param image        the image reference
 * @param labels       every label of the container (Core Monitor's, compose's and the service's)
 * @param configHash   the config hash (also in {@code labels})
 * @param configure    fills a create command with everything else (command, host config, first network, ...)
 * @param extraNetworks networks joined after creation, before the first start
 * @param stopTimeoutSeconds the grace period between the stop signal and SIGKILL, when the service sets one
 */
public record ContainerRequest(String name, String image, Map<String, String> labels, String configHash,
        Consumer<CreateContainerCmd> configure, List<NetworkJoin> extraNetworks, Integer stopTimeoutSeconds) {

    public ContainerRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(image, "image");
        labels = Map.copyOf(labels);
        Objects.requireNonNull(configHash, "configHash");
        Objects.requireNonNull(configure, "configure");
        extraNetworks = List.copyOf(extraNetworks);
    }

    /** Applies this request to a create command (name, image, labels and the translated settings). */
    public CreateContainerCmd applyTo(CreateContainerCmd cmd) {
        cmd.withName(name).withImage(image).withLabels(labels);
        configure.accept(cmd);
        return cmd;
    }
}
