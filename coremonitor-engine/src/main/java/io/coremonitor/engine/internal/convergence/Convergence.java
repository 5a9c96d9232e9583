package io.coremonitor.engine.internal.convergence;

import io.coremonitor.docker.DockerOps;
import io.coremonitor.docker.ServiceTranslator;
import io.coremonitor.engine.ExecutionContext;
import io.coremonitor.engine.PlanAction;
import io.coremonitor.model.CanonicalJson;
import io.coremonitor.model.ComposeDefinition;
import io.coremonitor.model.RuntimeMapping;
import io.coremonitor.model.Stack;
import io.coremonitor.model.StackState;
import io.coremonitor.model.StackVersion;
import io.coremonitor.model.VersionStatus;
import io.coremonitor.store.Store;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Planning and converging a stack to a stored version: shared by APPLY, ROLLBACK and the dry run. */
final class Convergence {

    private final Store store;
    private final DockerOps ops;
    private final Clock clock;
    private final Map<String, ComposeDefinition> parsed = new ConcurrentHashMap<>();

    Convergence(Store store, DockerOps ops, Clock clock) {
        this.store = store;
        this.ops = ops;
        this.clock = clock;
    }

    Store store() {
        return store;
    }

    DockerOps ops() {
        return ops;
    }

    Clock clock() {
        return clock;
    }

    /** The definition of a stored version (parsed once per version: versions never change). */
    ComposeDefinition definition(StackVersion version) {
        return parsed.computeIfAbsent(version.stackId() + "/" + version.version() + "/" + version.composeHash(),
            k -> CanonicalJson.parse(version.compose()));
    }

    Optional<ComposeDefinition> definition(String stackId, String version) {
        return store.versions().get(stackId, version).map(this::definition);
    }

    /** Plans a stack's convergence to a version (three list calls, no change). */
    ConvergencePlan plan(Stack stack, StackVersion version, String commandId) {
        ServiceTranslator.Context ctx = new ServiceTranslator.Context(stack.stackId(), stack.name(), version.version(), commandId);
        return Planner.plan(ops, ctx, definition(version), Observed.of(ops, stack.stackId()),
            v -> definition(stack.stackId(), v));
    }

    /** Plans and executes; records runtime mapping and RUNNING status; sets nothing else. */
    RuntimeMapping converge(Stack stack, StackVersion version, String commandId, ExecutionContext ctx) {
        ConvergencePlan plan = plan(stack, version, commandId);
        if (plan.view().unchanged()) {
            ctx.info("plan for " + version.version() + ": every container matches; nothing to create, recreate or remove");
        } else {
            for (PlanAction a : plan.view().actions()) {
                if (a.mutating()) {
                    ctx.info("plan: " + a.kind() + " " + a.name()
                        + (a.reasons().isEmpty() ? "" : " (" + String.join(", ", a.reasons()) + ")"));
                }
            }
        }
        RuntimeMapping mapping = new Converger(ops, ctx).execute(plan);
        store.versions().updateRuntime(stack.stackId(), version.version(), mapping);
        status(stack.stackId(), version.version(), StackState.RUNNING, StackState.RUNNING, Optional.empty());
        return mapping;
    }

    void status(String stackId, String version, StackState desired, StackState actual, Optional<String> reason) {
        store.versions().updateStatus(stackId, version, new VersionStatus(desired, actual, clock.instant(), reason));
    }
}
