package io.coremonitor.engine;

import com.github.dockerjava.api.DockerClient;
import io.coremonitor.docker.DockerOps;
import io.coremonitor.engine.internal.convergence.Inspections;
import io.coremonitor.model.ComposeDefinition;
import io.coremonitor.store.Store;
import java.time.Clock;
import java.util.List;

/**
 * Read queries on a stack's Docker objects, answered at once (no queue): the dry-run plan of a version
 * ({@code GET /stacks/{id}/plan/{version}}), the status ({@code GET /stacks/{id}/status}) and the containers
 * ({@code GET /stacks/{id}/containers}). Status and containers cost one Docker list call each (by label); the plan
 * costs three (containers, networks, volumes).
 */
public final class StackInspector {

    private final Inspections inspections;

    private StackInspector(Inspections inspections) {
        this.inspections = inspections;
    }

    public static StackInspector create(Store store, DockerClient docker, Clock clock) {
        return create(store, DockerOps.of(docker), clock);
    }

    public static StackInspector create(Store store, DockerOps ops, Clock clock) {
        return new StackInspector(new Inspections(store, ops, clock));
    }

    /**
     * What APPLY of {@code version} would do now; changes nothing.
     *
     * @throws io.coremonitor.model.StackNotFoundException   unknown stack
     * @throws io.coremonitor.model.VersionNotFoundException unknown version
     * @throws CommandFailedException                         when the version cannot be translated (each refused field named)
     */
    public StackPlan plan(String stackId, String version) {
        return inspections.plan(stackId, version);
    }

    /**
     * What APPLY of {@code version} with these profiles active would do now (services of other profiles are in
     * {@link StackPlan#disabled()}); changes nothing.
     *
     * @throws CommandFailedException also when an enabled service needs a disabled one
     */
    public StackPlan plan(String stackId, String version, List<String> profiles) {
        return inspections.plan(stackId, version, profiles);
    }

    /**
     * What APPLY would do for a stack that does not exist yet, named {@code stackName}, whose first version is
     * {@code definition}: every network, volume and container created ({@code stack_id} empty, version {@code v1}).
     * Docker is asked only about external networks and volumes.
     *
     * @throws CommandFailedException when the definition cannot be translated (each refused field named)
     */
    public StackPlan planNew(String stackName, ComposeDefinition definition) {
        return inspections.planNew(stackName, definition);
    }

    public StackStatusView status(String stackId) {
        return inspections.status(stackId);
    }

    public List<StackContainerView> containers(String stackId) {
        return inspections.containers(stackId);
    }
}
