package io.coremonitor.docker.internal.translation;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.HostConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The create request of one service while the translators of each concern fill it: the {@link HostConfig}, the
 * settings of the create command, the fields that cannot be translated (each with its path), and the stop timeout.
 */
public final class ContainerDraft {

    private final String prefix;
    private final HostConfig host = HostConfig.newHostConfig();
    private final List<Consumer<CreateContainerCmd>> steps = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private Integer stopTimeoutSeconds;

    /** A draft for the service at {@code services.<service>}. */
    public ContainerDraft(String service) {
        this.prefix = "services." + service + ".";
    }

    HostConfig host() {
        return host;
    }

    /** Sets something on the create command. */
    void step(Consumer<CreateContainerCmd> step) {
        steps.add(step);
    }

    /** Refuses a field: {@code keyAndReason} is {@code "<path below the service>: <why>"}. */
    void refuse(String keyAndReason) {
        problems.add(prefix + keyAndReason);
    }

    void stopTimeoutSeconds(int seconds) {
        stopTimeoutSeconds = seconds;
    }

    /** Every refused field, with its full path; empty when the service translates completely. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** The stop timeout in seconds, when the service sets a grace period. */
    public Optional<Integer> stopTimeoutSeconds() {
        return Optional.ofNullable(stopTimeoutSeconds);
    }

    /** Applies the host config and every setting to a create command. */
    public Consumer<CreateContainerCmd> configuration() {
        List<Consumer<CreateContainerCmd>> all = List.copyOf(steps);
        return cmd -> {
            cmd.withHostConfig(host);
            all.forEach(step -> step.accept(cmd));
        };
    }
}
