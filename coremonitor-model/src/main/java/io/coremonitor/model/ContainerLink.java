package io.coremonitor.model;

import java.util.Comparator;
import java.util.Objects;

/**
 * One {@code links} or {@code external_links} entry: the container of a service of the stack (or, for
 * {@code external_links}, a container outside it) reachable from this service under {@code alias}.
 *
 * @param target the linked service (for {@code links}) or container name (for {@code external_links})
 * @param alias  the name it is reached by; the target's name when none is given
 */
public record ContainerLink(String target, String alias) {

    /** By target, then alias. */
    public static final Comparator<ContainerLink> ORDER = Comparator.comparing(ContainerLink::target)
        .thenComparing(ContainerLink::alias);

    public ContainerLink {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(alias, "alias");
    }

    /** The compose spelling: {@code db} when the alias is the target, else {@code db:database}. */
    public String spelling() {
        return target.equals(alias) ? target : target + ":" + alias;
    }
}
