package io.coremonitor.engine.monitoring;

import io.coremonitor.docker.StackLabels;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One Docker container event of a managed container, as {@link DockerEvents} delivers it.
 *
 * @param action      Docker's action: {@code create}, {@code start}, {@code die}, {@code health_status: healthy}, ...
 * @param containerId the container's id
 * @param attributes  the actor's attributes: the container's labels, {@code name}, {@code image}, {@code exitCode}...
 * @param time        when Docker saw it (to the nanosecond)
 */
public record DockerContainerEvent(String action, String containerId, Map<String, String> attributes, Instant time) {

    public DockerContainerEvent {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(containerId, "containerId");
        attributes = Map.copyOf(Objects.requireNonNull(attributes, "attributes"));
        Objects.requireNonNull(time, "time");
    }

    public Optional<String> attribute(String key) {
        return Optional.ofNullable(attributes.get(key));
    }

    /** The stack the container belongs to (label {@code coremonitor.stack_id}). */
    public Optional<String> stackId() {
        return attribute(StackLabels.STACK_ID);
    }

    /** The compose service the container runs (label {@code coremonitor.service}). */
    public Optional<String> service() {
        return attribute(StackLabels.SERVICE);
    }

    /** The container's name, or its id when Docker did not say. */
    public String name() {
        return attribute("name").orElse(containerId);
    }
}
