package io.coremonitor.engine.internal.convergence;

import io.coremonitor.docker.DockerOps;
import io.coremonitor.docker.ServiceTranslator;
import io.coremonitor.engine.CommandFailedException;
import io.coremonitor.engine.ExecutionContext;
import io.coremonitor.engine.PlanAction;
import io.coremonitor.model.Artifact;
import io.coremonitor.model.CanonicalJson;
import io.coremonitor.model.ComposeDefinition;
import io.coremonitor.model.Deployment;
import io.coremonitor.model.Profiles;
import io.coremonitor.model.RuntimeMapping;
import io.coremonitor.model.Stack;
import io.coremonitor.model.StackState;
import io.coremonitor.model.StackVersion;
import io.coremonitor.model.VersionStatus;
import io.coremonitor.store.Store;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Planning and converging a stack to a stored version: shared by APPLY, ROLLBACK and the dry run. */
final class Convergence {

    private static final Logger LOG = LoggerFactory.getLogger(Convergence.class);

    private final Store store;
    private final DockerOps ops;
    private final Clock clock;
    private final Map<String, ComposeDefinition> parsed = new ConcurrentHashMap<>();
    private final AppRedeploy apps;
    private final FileContents contents;

    Convergence(Store store, DockerOps ops, Clock clock, AppRedeploy apps, FileContents contents) {
        this.store = store;
        this.ops = ops;
        this.clock = clock;
        this.apps = apps;
        this.contents = contents;
    }

    /** A converger over this engine, reporting to {@code ctx}. */
    Converger converger(ExecutionContext ctx) {
        return new Converger(ops, ctx, contents, clock);
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

    /** The stack a command acts on; a stack deleted since the command was enqueued fails the command. */
    Stack liveStack(String stackId) {
        Stack stack = store.stacks().getOrThrow(stackId);
        if (stack.deleted()) {
            throw new CommandFailedException("stack " + stack.name() + " is deleted");
        }
        return stack;
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
    ConvergencePlan plan(Stack stack, StackVersion version, String commandId, List<String> profiles) {
        ServiceTranslator.Context ctx = new ServiceTranslator.Context(stack.stackId(), stack.name(), version.version(), commandId);
        ConvergencePlan plan = Planner.plan(ops, ctx, definition(version), Observed.of(ops, stack.stackId()),
            v -> definition(stack.stackId(), v), profiles);
        return AppsInPlan.annotate(plan, currentApps(stack.stackId(), plan),
            sha -> store.artifacts().find(sha).map(Artifact::name));
    }

    /** The current application of each service that takes them (no query when none does). */
    private Map<String, Deployment> currentApps(String stackId, ConvergencePlan plan) {
        boolean anyTakesApps = plan.definition().services().values().stream().anyMatch(s -> s.deploy().isPresent());
        return anyTakesApps ? store.deployments().current(stackId) : Map.of();
    }

    /**
     * Plans and executes; records runtime mapping and RUNNING status; sets nothing else.
     *
     * @param profiles        the active compose profiles
     * @param recreateVolumes whether a volume whose settings changed may be recreated (its data lost); when false
     *                        such a plan is refused before any change
     */
    RuntimeMapping converge(Stack stack, StackVersion version, String commandId, List<String> profiles, ExecutionContext ctx,
            boolean recreateVolumes) {
        long start = System.nanoTime();
        ConvergencePlan plan = plan(stack, version, commandId, profiles);
        if (!plan.view().disabled().isEmpty()) {
            ctx.info("profiles: " + Profiles.describe(profiles) + "; disabled: " + String.join(", ",
                plan.view().disabled().keySet()));
        }
        if (!recreateVolumes && !plan.volumeRecreations().isEmpty()) {
            List<String> problems = new ArrayList<>();
            for (PlanAction a : plan.view().actions(PlanAction.Kind.RECREATE_VOLUME)) {
                String key = plan.volumeRecreations().entrySet().stream().filter(e -> e.getValue().name().equals(a.name()))
                    .map(Map.Entry::getKey).findFirst().orElse(a.name());
                problems.add("volumes." + key + ": " + String.join(", ", a.reasons().subList(0, a.reasons().size() - 1))
                    + ": recreating volume " + a.name() + " deletes its data; apply with \"recreate_volumes\": true to accept that");
            }
            throw new CommandFailedException("the plan of " + stack.name() + " " + version.version() + " is refused: "
                + String.join("; ", problems));
        }
        long planned = System.nanoTime();
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
        long logged = System.nanoTime();
        RuntimeMapping mapping = converger(ctx).execute(plan).withProfiles(plan.view().profiles());
        redeployApps(plan, mapping, ctx);
        long executed = System.nanoTime();
        store.versions().updateRuntime(stack.stackId(), version.version(), mapping);
        status(stack.stackId(), version.version(), StackState.RUNNING, StackState.RUNNING, Optional.empty());
        if (LOG.isDebugEnabled()) {
            LOG.debug("converge {} {}: plan {} ms (3 list calls), plan log {} ms, execute {} ms, store {} ms", stack.name(),
                version.version(), millis(start, planned), millis(planned, logged), millis(logged, executed),
                millis(executed, System.nanoTime()));
        }
        return mapping;
    }

    /** The applications of the recreated containers go back in before the command ends. */
    private void redeployApps(ConvergencePlan plan, RuntimeMapping mapping, ExecutionContext ctx) {
        Map<String, Deployment> redeploy = AppsInPlan.toRedeploy(plan, currentApps(plan.view().stackId(), plan));
        for (Map.Entry<String, Deployment> e : redeploy.entrySet()) {
            ctx.checkCancelled();
            String service = e.getKey();
            Deployment d = e.getValue();
            ctx.info("deploying the application of " + service + " again (deployment " + d.number() + ")");
            apps.redeploy(mapping.containers().get(service), plan.definition().services().get(service).deploy().orElseThrow(),
                d, ctx);
        }
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    void status(String stackId, String version, StackState desired, StackState actual, Optional<String> reason) {
        store.versions().updateStatus(stackId, version, new VersionStatus(desired, actual, clock.instant(), reason));
    }
}
