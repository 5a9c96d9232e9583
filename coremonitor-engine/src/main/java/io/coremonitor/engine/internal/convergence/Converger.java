package io.coremonitor.engine.internal.convergence;

import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import io.coremonitor.docker.ContainerRequest;
import io.coremonitor.docker.ContainerStatusText;
import io.coremonitor.docker.DockerFailures;
import io.coremonitor.docker.DockerOps;
import io.coremonitor.docker.ImageUnavailableException;
import io.coremonitor.docker.NetworkJoin;
import io.coremonitor.docker.NetworkRequest;
import io.coremonitor.docker.ServiceTranslator;
import io.coremonitor.docker.StackLabels;
import io.coremonitor.docker.VolumeRequest;
import io.coremonitor.engine.CommandCancelledException;
import io.coremonitor.engine.CommandFailedException;
import io.coremonitor.engine.ExecutionContext;
import io.coremonitor.engine.PlanAction;
import io.coremonitor.model.ComposeDefinition;
import io.coremonitor.model.DependsOn;
import io.coremonitor.model.DependsOnCondition;
import io.coremonitor.model.LogLevel;
import io.coremonitor.model.Mount;
import io.coremonitor.model.MountType;
import io.coremonitor.model.RuntimeMapping;
import io.coremonitor.model.ServiceSpec;
import io.coremonitor.model.UpdateOrder;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Executes plans and start/stop sequences against Docker. Independent services start in parallel (a small thread
 * pool); a service starts once each of its dependencies meets its condition.
 */
final class Converger {

    /** Threads starting and waiting for services at most. */
    static final int MAX_PARALLEL = 16;
    /** How long a missing image may take to pull. */
    static final Duration PULL_TIMEOUT = Duration.ofSeconds(60);

    private final DockerOps ops;
    private final ExecutionContext ctx;
    private final FileContents contents;
    private final Clock clock;

    Converger(DockerOps ops, ExecutionContext ctx, FileContents contents, Clock clock) {
        this.ops = ops;
        this.ctx = new SynchronizedContext(ctx);
        this.contents = contents;
        this.clock = clock;
    }

    ExecutionContext context() {
        return ctx;
    }

    /** Executes a plan; returns the runtime mapping. Throws ServiceFailure or CommandFailedException. */
    RuntimeMapping execute(ConvergencePlan plan) {
        ComposeDefinition def = plan.definition();
        Map<String, PlanAction> byService = new HashMap<>();
        for (PlanAction a : plan.view().actions()) {
            if (a.service().isPresent() && a.kind() != PlanAction.Kind.REMOVE) {
                byService.put(a.service().get(), a);
            }
        }
        // images first: a missing image fails the command before anything changes. Only services whose container is
        // (re)created need one (a kept container's image is there by definition); each distinct image is checked once,
        // in parallel, under the pull_policy of the first service (in name order) that uses it
        Map<String, ServiceSpec> images = new LinkedHashMap<>();
        for (String s : plan.services()) {
            PlanAction.Kind kind = byService.get(s).kind();
            if (kind == PlanAction.Kind.CREATE || kind == PlanAction.Kind.RECREATE) {
                images.putIfAbsent(def.services().get(s).process().image(), def.services().get(s));
            }
        }
        inParallel(List.copyOf(images.keySet()), image -> ensureImage(images.get(image)));
        // secret and config files are read before anything changes too: one that cannot be read fails the command here
        Map<String, ServiceFiles> files = new HashMap<>();
        for (String s : plan.services()) {
            PlanAction.Kind kind = byService.get(s).kind();
            if (kind == PlanAction.Kind.CREATE || kind == PlanAction.Kind.RECREATE) {
                ServiceFiles f = ServiceFiles.read(plan.view().stackId(), def, s, contents);
                if (!f.isEmpty()) {
                    files.put(s, f);
                }
            }
        }
        ctx.checkCancelled();
        Map<String, String> networkIds = new TreeMap<>(plan.networkIds());
        for (Map.Entry<String, NetworkRequest> n : plan.newNetworks().entrySet()) {
            try {
                networkIds.put(n.getKey(), ops.createNetwork(n.getValue()));
            } catch (RuntimeException e) {
                throw new CommandFailedException("could not create network " + n.getValue().name() + ": " + DockerFailures.describe(e), e);
            }
            ctx.info("created network " + n.getValue().name());
        }
        for (VolumeRequest v : plan.newVolumes()) {
            try {
                ops.createVolume(v);
            } catch (RuntimeException e) {
                throw new CommandFailedException("could not create volume " + v.name() + ": " + DockerFailures.describe(e), e);
            }
            ctx.info("created volume " + v.name());
        }
        ctx.checkCancelled();
        for (Container c : plan.removals()) {
            ops.stopContainer(c.getId(), null);
            ops.removeContainer(c.getId());
            ctx.info("removed container " + Planner.name(c) + " (" + reasonOf(plan, c.getId()) + ")");
        }
        for (Network n : plan.networkRemovals()) {
            try {
                ops.removeNetwork(n.getId());
                ctx.info("removed network " + n.getName() + " (no longer used)");
            } catch (RuntimeException e) {
                ctx.warn("could not remove network " + n.getName() + ": " + DockerFailures.describe(e));
            }
        }
        // recreated services: old containers go, dependents first; start-first ones stay until their new one is healthy
        List<String> replaced = plan.services().stream().filter(s -> byService.get(s).kind() == PlanAction.Kind.RECREATE).toList();
        Set<String> startFirst = new java.util.TreeSet<>();
        for (String s : replaced) {
            if (def.services().get(s).lifecycle().updateOrder() == UpdateOrder.START_FIRST) {
                Optional<String> blocker = startFirstBlocker(plan, s);
                if (blocker.isEmpty()) {
                    startFirst.add(s);
                } else {
                    ctx.info("start-first: " + s + " is replaced stop-first this time: " + blocker.get());
                }
            }
        }
        for (String s : DependencyOrder.stopOrder(def, replaced.stream().filter(x -> !startFirst.contains(x)).toList())) {
            ctx.checkCancelled();
            Container old = plan.existing().get(s);
            Hooks.preStop(ops, ctx, def, s, old.getId(), old.getState());
            ops.stopContainer(old.getId(), null);
            ops.removeContainer(old.getId());
            ctx.info("removed container " + Planner.name(old) + " of " + s + " to recreate it: "
                + String.join(", ", byService.get(s).reasons()));
        }
        List<String> restarted = plan.services().stream().filter(s -> byService.get(s).kind() == PlanAction.Kind.RESTART).toList();
        for (String s : DependencyOrder.stopOrder(def, restarted)) {
            Hooks.preStop(ops, ctx, def, s, plan.existing().get(s).getId(), plan.existing().get(s).getState());
            ops.stopContainer(plan.existing().get(s).getId(), null);
            ctx.info("stopped " + s + " to restart it: " + String.join(", ", byService.get(s).reasons()));
        }
        recreateVolumes(plan);
        recreateNetworks(plan, byService, networkIds);
        Map<String, String> containerIds = new java.util.concurrent.ConcurrentSkipListMap<>();
        List<String> toCreate = new ArrayList<>();
        for (String s : DependencyOrder.startOrder(def, plan.services())) {
            PlanAction.Kind kind = byService.get(s).kind();
            if (kind == PlanAction.Kind.CREATE || kind == PlanAction.Kind.RECREATE) {
                toCreate.add(s);
            } else {
                containerIds.put(s, plan.existing().get(s).getId());
            }
        }
        try {
            // containers are created in parallel, level by level: network_mode service:X and volumes_from X need X's
            // container first (toCreate is in start order, so a dependency's level is known before its dependent's)
            Map<String, Integer> level = new HashMap<>();
            for (String s : toCreate) {
                int l = DependencyOrder.createDependencies(def, s).stream().mapToInt(x -> level.getOrDefault(x, -1) + 1).max()
                    .orElse(0);
                level.put(s, l);
            }
            for (int l = 0; level.containsValue(l); l++) {
                int current = l;
                List<String> batch = toCreate.stream().filter(s -> level.get(s) == current).toList();
                ctx.checkCancelled();
                inParallel(batch, s -> {
                    ContainerRequest request = startFirst.contains(s) ? StartFirst.temporary(plan.requests().get(s))
                        : plan.requests().get(s);
                    String id;
                    try {
                        id = ops.createContainer(request, warning -> ctx.warn(s + ": the engine warns: " + warning));
                    } catch (RuntimeException e) {
                        throw new ServiceFailure(s, "could not create container " + request.name() + ": " + DockerFailures.describe(e)
                            + engineHint(def, s), "", e);
                    }
                    containerIds.put(s, id);
                    ctx.info("created container " + request.name() + " for " + s + " ("
                        + byService.get(s).kind().name().toLowerCase(java.util.Locale.ROOT) + (startFirst.contains(s)
                            ? " start-first, beside " + Planner.name(plan.existing().get(s)) : "") + ", "
                        + String.join(", ", byService.get(s).reasons()) + ")");
                    ServiceFiles f = files.get(s);
                    if (f != null) {
                        try {
                            ops.copyToContainer(id, "/", f.archive(clock.instant()));
                        } catch (RuntimeException e) {
                            throw new ServiceFailure(s, "could not write " + f.describe() + " into container " + request.name() + ": "
                                + DockerFailures.describe(e), "", e);
                        }
                        ctx.info("wrote " + f.describe() + " into container " + request.name());
                    }
                });
            }
            Map<String, Boolean> needsStart = new HashMap<>();
            for (String s : plan.services()) {
                PlanAction.Kind kind = byService.get(s).kind();
                boolean start = switch (kind) {
                    case CREATE, RECREATE, RESTART -> true;
                    default -> needsStartOnApply(plan.existing().get(s));
                };
                needsStart.put(s, start);
            }
            Set<String> started = startInOrder(def, plan.services(), containerIds, needsStart::get);
            verify(def, plan.view().stackId(), started, containerIds);
        } catch (RuntimeException e) {
            // the old containers of start-first services still serve: their new ones go, they stay
            for (String s : startFirst) {
                String id = containerIds.get(s);
                if (id != null) {
                    StartFirst.abandon(ops, ctx, s, id, plan.requests().get(s).name(), Planner.name(plan.existing().get(s)));
                }
            }
            throw e;
        }
        for (String s : startFirst) {
            ctx.checkCancelled();
            List<NetworkJoin> joins = ServiceTranslator.networkKeys(def.services().get(s)).stream()
                .flatMap(k -> ServiceTranslator.networkJoin(plan.view().stackName(), def, s, k).stream()).toList();
            StartFirst.switchOver(ops, ctx, s, plan.existing().get(s), containerIds.get(s), plan.requests().get(s).name(), joins);
        }
        return new RuntimeMapping(networkIds, plan.volumeNames(), containerIds);
    }

    /** Why a start-first service cannot keep its old container beside the new one in this plan, if it cannot. */
    private static Optional<String> startFirstBlocker(ConvergencePlan plan, String service) {
        ServiceSpec spec = plan.definition().services().get(service);
        for (Mount m : spec.storage().volumes()) {
            if (m.type() == MountType.VOLUME && m.source().isPresent() && plan.volumeRecreations().containsKey(m.source().get())) {
                return Optional.of("its volume '" + m.source().get() + "' is recreated");
            }
        }
        return ServiceTranslator.networkKeys(spec).stream().filter(plan.networkRecreations()::containsKey).findFirst()
            .map(k -> "its network '" + k + "' is recreated");
    }

    /** Volumes whose settings changed: removed (their data with them) and created again; their containers are gone by now. */
    private void recreateVolumes(ConvergencePlan plan) {
        for (Map.Entry<String, VolumeRequest> v : plan.volumeRecreations().entrySet()) {
            ctx.checkCancelled();
            VolumeRequest request = v.getValue();
            try {
                ops.removeVolume(request.name());
            } catch (RuntimeException e) {
                throw new CommandFailedException("could not remove volume " + request.name() + " to recreate it (is a container"
                    + " outside the stack using it?): " + DockerFailures.describe(e), e);
            }
            ctx.warn("removed volume " + request.name() + " and its data to recreate it: " + String.join(", ", reasonsOf(plan,
                PlanAction.Kind.RECREATE_VOLUME, request.name())));
            try {
                ops.createVolume(request);
            } catch (RuntimeException e) {
                throw new CommandFailedException("could not create volume " + request.name() + " again: " + DockerFailures.describe(e), e);
            }
            ctx.info("created volume " + request.name() + " again");
        }
    }

    /**
     * Networks whose settings changed: the kept containers attached to one are disconnected, the network is removed and
     * created again, and they are connected to it again with their aliases and addresses (containers being recreated
     * are gone by now and join it when created).
     */
    private void recreateNetworks(ConvergencePlan plan, Map<String, PlanAction> byService, Map<String, String> networkIds) {
        ComposeDefinition def = plan.definition();
        String stackName = plan.view().stackName();
        for (Map.Entry<String, NetworkRequest> n : plan.networkRecreations().entrySet()) {
            ctx.checkCancelled();
            String key = n.getKey();
            NetworkRequest request = n.getValue();
            String oldId = networkIds.get(key);
            Map<String, NetworkJoin> attached = new TreeMap<>();
            for (String s : plan.services()) {
                PlanAction.Kind kind = byService.get(s).kind();
                if (kind == PlanAction.Kind.KEEP || kind == PlanAction.Kind.RESTART) {
                    ServiceTranslator.networkJoin(stackName, def, s, key).ifPresent(j -> attached.put(s, j));
                }
            }
            for (String s : attached.keySet()) {
                ops.disconnectContainer(plan.existing().get(s).getId(), oldId);
                ctx.info("disconnected " + s + " from network " + request.name() + " to recreate the network");
            }
            try {
                ops.removeNetwork(oldId);
            } catch (RuntimeException e) {
                String reason = DockerFailures.describe(e);
                // the kept containers go back on the old network before the command fails
                attached.forEach((s, j) -> reconnect(plan.existing().get(s).getId(), s, j, oldId));
                throw new CommandFailedException("could not remove network " + request.name() + " to recreate it (is a container"
                    + " outside the stack attached to it?): " + reason, e);
            }
            String newId;
            try {
                newId = ops.createNetwork(request);
            } catch (RuntimeException e) {
                throw new CommandFailedException("could not create network " + request.name() + " again: " + DockerFailures.describe(e), e);
            }
            networkIds.put(key, newId);
            ctx.info("recreated network " + request.name() + ": " + String.join(", ", reasonsOf(plan, PlanAction.Kind.RECREATE_NETWORK,
                request.name())));
            for (Map.Entry<String, NetworkJoin> a : attached.entrySet()) {
                String s = a.getKey();
                try {
                    ops.connectContainer(plan.existing().get(s).getId(), a.getValue());
                } catch (RuntimeException e) {
                    throw new ServiceFailure(s, "could not connect it to the recreated network " + request.name() + ": "
                        + DockerFailures.describe(e), "", e);
                }
                ctx.info("connected " + s + " to network " + request.name() + " again (aliases " + String.join(", ",
                    a.getValue().aliases()) + ")");
            }
        }
    }

    private void reconnect(String containerId, String service, NetworkJoin join, String networkId) {
        try {
            ops.connectContainer(containerId, new NetworkJoin(networkId, join.aliases(), join.ipv4Address(), join.ipv6Address(),
                join.macAddress()));
            ctx.info("connected " + service + " to network " + join.network() + " again");
        } catch (RuntimeException e) {
            ctx.error("could not connect " + service + " to network " + join.network() + " again: " + DockerFailures.describe(e));
        }
    }

    private static List<String> reasonsOf(ConvergencePlan plan, PlanAction.Kind kind, String name) {
        return plan.view().actions().stream().filter(a -> a.kind() == kind && a.name().equals(name)).findFirst()
            .map(PlanAction::reasons).orElse(List.of());
    }

    /** Names the keys of a service that depend on the engine's support, for a create or start that Docker refused. */
    private static String engineHint(ComposeDefinition def, String service) {
        List<String> keys = ServiceTranslator.engineDependentKeys(def.services().get(service));
        return keys.isEmpty() ? "" : " (the service sets " + String.join(", ", keys) + ", which this engine may not support)";
    }

    /** Runs a task per service on a small pool; rethrows the first failure. */
    private void inParallel(List<String> services, java.util.function.Consumer<String> task) {
        if (services.isEmpty()) {
            return;
        }
        ExecutorService pool = newPool(services.size());
        try {
            List<CompletableFuture<Void>> all = services.stream().map(s -> CompletableFuture.runAsync(() -> task.accept(s), pool)).toList();
            try {
                CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
            } catch (CompletionException e) {
                throw rootFailure(all, e);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static ExecutorService newPool(int tasks) {
        AtomicInteger threads = new AtomicInteger();
        return Executors.newFixedThreadPool(Math.max(1, Math.min(MAX_PARALLEL, tasks)), r -> {
            Thread t = new Thread(r, "coremonitor-converge-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    private static String reasonOf(ConvergencePlan plan, String containerId) {
        return plan.view().actions().stream()
            .filter(a -> a.kind() == PlanAction.Kind.REMOVE && a.containerId().orElse("").equals(containerId))
            .findFirst().map(a -> String.join(", ", a.reasons())).orElse("removed");
    }

    /** A kept container is started again unless it runs or completed successfully (exit 0): re-apply changes nothing. */
    static boolean needsStartOnApply(Container c) {
        String state = c.getState();
        if ("running".equals(state) || "restarting".equals(state) || "paused".equals(state)) {
            return false;
        }
        if ("exited".equals(state)) {
            return !ContainerStatusText.exitedCleanly(c);
        }
        return true;
    }

    void ensureImage(ServiceSpec spec) {
        String image = spec.process().image();
        if (ops.imageExists(image)) {
            return;
        }
        if (spec.process().pullPolicy().map("never"::equals).orElse(false)) {
            throw new CommandFailedException("image " + image + " not found locally and pull_policy is never");
        }
        ctx.info("image " + image + " not found locally: pulling it (timeout " + PULL_TIMEOUT.toSeconds() + "s)");
        try {
            ops.pullImage(image, PULL_TIMEOUT);
        } catch (ImageUnavailableException e) {
            throw new CommandFailedException(e.getMessage(), e);
        }
    }

    /**
     * Starts the services whose {@code needsStart} is true, each once its dependencies (among {@code services}) meet
     * their conditions; independent ones in parallel. Returns the services started.
     */
    Set<String> startInOrder(ComposeDefinition def, List<String> services, Map<String, String> containerIds,
            Predicate<String> needsStart) {
        Set<String> wanted = Set.copyOf(services);
        Set<String> started = java.util.concurrent.ConcurrentHashMap.newKeySet();
        if (services.stream().noneMatch(needsStart)) {
            // nothing to start (a no-op re-apply): no thread, no wait, no Docker call
            return started;
        }
        ExecutorService pool = newPool(services.size());
        try {
            Map<String, CompletableFuture<Void>> startFutures = new HashMap<>();
            Map<String, CompletableFuture<Void>> conditionFutures = new HashMap<>();
            for (String s : DependencyOrder.startOrder(def, services)) {
                List<CompletableFuture<Void>> deps = new ArrayList<>();
                ServiceSpec spec = def.services().get(s);
                // a dependency's condition matters only to a service this command starts
                for (String d : needsStart.test(s) ? DependencyOrder.dependencies(def, s) : Set.<String>of()) {
                    if (!wanted.contains(d)) {
                        continue;
                    }
                    DependsOn dep = spec.lifecycle().dependsOn().getOrDefault(d, DependsOn.started());
                    DependsOnCondition condition = dep.condition();
                    deps.add(conditionFutures.computeIfAbsent(d + "/" + condition, k -> startFutures.get(d)
                        .thenRunAsync(() -> awaitCondition(def, d, containerIds.get(d), condition), pool)));
                }
                CompletableFuture<Void> f = CompletableFuture.allOf(deps.toArray(CompletableFuture[]::new)).thenRunAsync(() -> {
                    ctx.checkCancelled();
                    if (needsStart.test(s)) {
                        try {
                            ops.startContainer(containerIds.get(s));
                        } catch (RuntimeException e) {
                            throw Waits.failure(ops, s, containerIds.get(s), "could not start: " + DockerFailures.describe(e)
                                + engineHint(def, s), e);
                        }
                        Hooks.postStart(ops, ctx, def, s, containerIds.get(s));
                        started.add(s);
                        ctx.info("started " + s);
                    }
                }, pool);
                startFutures.put(s, f);
            }
            List<CompletableFuture<Void>> all = new ArrayList<>(startFutures.values());
            all.addAll(conditionFutures.values());
            try {
                CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
            } catch (CompletionException e) {
                throw rootFailure(all, e);
            }
            return started;
        } finally {
            pool.shutdownNow();
        }
    }

    private RuntimeException rootFailure(List<CompletableFuture<Void>> all, CompletionException fallback) {
        RuntimeException chosen = null;
        for (CompletableFuture<Void> f : all) {
            try {
                f.join();
            } catch (CompletionException | java.util.concurrent.CancellationException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                while (cause instanceof CompletionException && cause.getCause() != null) {
                    cause = cause.getCause();
                }
                if (cause instanceof CommandCancelledException cancelled) {
                    chosen = cancelled;
                } else if (cause instanceof ServiceFailure failure && !(chosen instanceof CommandCancelledException)) {
                    chosen = chosen == null ? failure : chosen;
                } else if (chosen == null && cause instanceof RuntimeException r) {
                    chosen = r instanceof CommandFailedException ? r : new CommandFailedException(DockerFailures.describe(r), r);
                }
            }
        }
        return chosen != null ? chosen : new CommandFailedException(DockerFailures.describe(fallback), fallback);
    }

    private void awaitCondition(ComposeDefinition def, String service, String containerId, DependsOnCondition condition) {
        switch (condition) {
            case SERVICE_HEALTHY -> {
                ctx.info("waiting for " + service + " to be healthy");
                Waits.healthy(ops, ctx, service, containerId, def.services().get(service));
                ctx.info(service + " is healthy");
            }
            case SERVICE_COMPLETED_SUCCESSFULLY -> {
                ctx.info("waiting for " + service + " to complete");
                Waits.completed(ops, ctx, service, containerId);
                ctx.info(service + " completed successfully");
            }
            default -> {
                // started is enough
            }
        }
    }

    /**
     * Services started by this command: healthy when they have a health check (waited for in parallel), not failed
     * otherwise (one list call for all of them, no inspect per container).
     */
    private void verify(ComposeDefinition def, String stackId, Set<String> started, Map<String, String> containerIds) {
        if (started.isEmpty()) {
            return;
        }
        ctx.checkCancelled();
        List<String> withCheck = new ArrayList<>();
        List<String> without = new ArrayList<>();
        for (String s : new java.util.TreeSet<>(started)) {
            (Waits.hasHealthcheck(def.services().get(s)) ? withCheck : without).add(s);
        }
        if (!without.isEmpty()) {
            Map<String, Container> listed = new HashMap<>();
            for (Container c : ops.listContainers(StackLabels.STACK_ID, stackId)) {
                listed.put(c.getId(), c);
            }
            for (String s : without) {
                Container c = listed.get(containerIds.get(s));
                if (c == null) {
                    Waits.running(ops, s, containerIds.get(s));
                } else {
                    Waits.running(ops, s, c);
                }
            }
        }
        inParallel(withCheck, s -> Waits.healthy(ops, ctx, s, containerIds.get(s), def.services().get(s)));
    }

    /** Stops services, dependents first. */
    void stopInOrder(ComposeDefinition def, List<String> services, Map<String, String> containerIds) {
        for (String s : DependencyOrder.stopOrder(def, services)) {
            ctx.checkCancelled();
            String id = containerIds.get(s);
            if (id == null) {
                continue;
            }
            Hooks.preStop(ops, ctx, def, s, id, null);
            ops.stopContainer(id, null);
            ctx.info("stopped " + s);
        }
    }

    /** Serialises log calls from the start threads. */
    private static final class SynchronizedContext implements ExecutionContext {
        private final ExecutionContext delegate;

        SynchronizedContext(ExecutionContext delegate) {
            this.delegate = delegate;
        }

        @Override
        public synchronized void log(LogLevel level, String message) {
            delegate.log(level, message);
        }

        @Override
        public boolean cancelRequested() {
            return delegate.cancelRequested();
        }

        @Override
        public Clock clock() {
            return delegate.clock();
        }
    }
}
