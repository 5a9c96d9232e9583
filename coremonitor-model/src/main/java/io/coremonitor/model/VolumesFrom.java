package io.coremonitor.model;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code volumes_from} entry: the volumes of another service of the stack ({@code db}, {@code db:ro}) or of a
 * container outside it ({@code container:name}, {@code container:name:ro}), mounted at the same paths.
 *
 * @param service   the service of the stack whose container's volumes are mounted; empty for a container
 * @param container the name of a container outside the stack; empty for a service
 * @param readOnly  mounted read-only ({@code :ro}); read-write otherwise ({@code :rw}, the default)
 */
public record VolumesFrom(Optional<String> service, Optional<String> container, boolean readOnly) {

    /** Services first, then containers, each by name. */
    public static final Comparator<VolumesFrom> ORDER = Comparator.comparing((VolumesFrom v) -> v.container().isPresent())
        .thenComparing(VolumesFrom::name).thenComparing(VolumesFrom::readOnly);

    public VolumesFrom {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(container, "container");
        if (service.isPresent() == container.isPresent()) {
            throw new IllegalArgumentException("exactly one of service and container");
        }
    }

    /** The service's or the container's name. */
    public String name() {
        return service.orElseGet(container::get);
    }

    /** The compose spelling: {@code db}, {@code db:ro}, {@code container:name}, {@code container:name:ro}. */
    public String spelling() {
        return (container.isPresent() ? "container:" : "") + name() + (readOnly ? ":ro" : "");
    }
}
