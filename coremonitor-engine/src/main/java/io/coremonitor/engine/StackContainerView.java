package io.coremonitor.engine;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One container of a stack ({@code GET /stacks/{id}/containers}).
 *
 * @param id        container id
 * @param name      container name
 * @param service   the service it runs
 * @param image     the image reference
 * @param state     Docker's state
 * @param health    healthy, unhealthy, starting, when it has a health check
 * @param startedAt when it was last started (to the second, derived from the list call)
 * @param ports     published ports as {@code [host_ip:]public->private/proto}
 */
public record StackContainerView(String id, String name, String service, String image, String state, Optional<String> health,
        Optional<Instant> startedAt, List<String> ports) {

    public StackContainerView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(startedAt, "startedAt");
        ports = List.copyOf(ports);
    }
}
