package io.coremonitor.engine;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a {@link StackPlan}.
 *
 * @param kind        what happens
 * @param name        the Docker object's name (container, network or volume)
 * @param service     the service, for container actions
 * @param containerId the existing container, for KEEP, RECREATE, REMOVE and RESTART
 * @param reasons     why (for RECREATE: each changed field, e.g. {@code environment}, {@code image})
 */
public record PlanAction(Kind kind, String name, Optional<String> service, Optional<String> containerId, List<String> reasons) {

    /** What a step does. */
    public enum Kind {
        CREATE_NETWORK,
        CREATE_VOLUME,
        /** Create a missing container (stopped), then start it. */
        CREATE,
        /** Stop and remove the existing container, create the new one, start it. */
        RECREATE,
        /** The container matches: nothing to do (it is started if it is not running and did not complete). */
        KEEP,
        /** Restart a kept container (a dependency it declares with {@code restart: true} was recreated). */
        RESTART,
        /** Stop and remove a container whose service is no longer defined (or an orphan). */
        REMOVE,
        /** Remove a network of the stack that no service uses any more. */
        REMOVE_NETWORK,
        /**
         * Recreate a network whose settings changed: the kept containers attached to it are disconnected, and connected
         * again to the new one with their aliases and addresses.
         */
        RECREATE_NETWORK,
        /** Recreate a volume whose settings changed: its data is lost, so an APPLY needs {@code recreate_volumes}. */
        RECREATE_VOLUME
    }

    public PlanAction {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(containerId, "containerId");
        reasons = List.copyOf(reasons);
    }

    /** True when executing this step calls Docker to change something. */
    public boolean mutating() {
        return kind != Kind.KEEP;
    }
}
