package io.coremonitor.engine.internal.convergence;

import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import io.coremonitor.docker.ContainerRequest;
import io.coremonitor.docker.DockerOps;
import io.coremonitor.docker.NetworkRequest;
import io.coremonitor.docker.ServiceTranslator;
import io.coremonitor.docker.StackLabels;
import io.coremonitor.docker.StackNaming;
import io.coremonitor.docker.UnsupportedFieldException;
import io.coremonitor.docker.VolumeRequest;
import io.coremonitor.engine.CommandFailedException;
import io.coremonitor.engine.PlanAction;
import io.coremonitor.engine.StackPlan;
import io.coremonitor.model.ComposeDefinition;
import io.coremonitor.model.DependsOn;
import io.coremonitor.model.Mount;
import io.coremonitor.model.MountType;
import io.coremonitor.model.NetworkSpec;
import io.coremonitor.model.Profiles;
import io.coremonitor.model.ServiceSpec;
import io.coremonitor.model.ValidationError;
import io.coremonitor.model.VolumeSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Compares a desired version with what Docker reports for the stack's label and decides, per service: CREATE (no
 * container), KEEP (its {@code coremonitor.config_hash} label equals the desired hash), RECREATE (the hash differs;
 * the reasons name the changed fields, found by comparing the spec of the version the container was made from,
 * read from the store, with the desired spec), REMOVE (service no longer defined, duplicates, orphans).
 *
 * <p>Dependents are not recreated when a dependency is: they keep running (as {@code docker compose up}), except a
 * service whose {@code network_mode} is {@code service:X} (it shares X's network namespace, so it is recreated with
 * X) and a service declaring {@code depends_on: {X: {restart: true}}} (restarted after X is recreated). Services
 * with {@code profiles} are deployed only when one of them is active ({@link Profiles}; the APPLY's
 * {@code profiles}); an enabled service needing a disabled one refuses the plan, a disabled service's container is
 * removed. Networks and volumes are created when missing; one whose settings differ from those of the version that
 * created it is recreated (RECREATE_NETWORK, RECREATE_VOLUME, see {@link ObjectChanges}; the services mounting a
 * recreated volume are recreated); unused stack networks are removed; volumes are otherwise only removed by
 * DELETE_STACK with remove_volumes.
 */
final class Planner {

    private Planner() {
    }

    /**
     * Plans the convergence of a stack to a definition.
     *
     * @param versionLookup a stored version's definition by label (for the reasons of a recreate)
     * @throws CommandFailedException when a field cannot be translated or an external object is missing
     */
    static ConvergencePlan plan(DockerOps ops, ServiceTranslator.Context ctx, ComposeDefinition desired, Observed observed,
            Function<String, Optional<ComposeDefinition>> versionLookup) {
        return plan(ops, ctx, desired, observed, versionLookup, List.of());
    }

    /** Plans the convergence of a stack to a definition with these profiles active. */
    static ConvergencePlan plan(DockerOps ops, ServiceTranslator.Context ctx, ComposeDefinition desired, Observed observed,
            Function<String, Optional<ComposeDefinition>> versionLookup, Collection<String> profiles) {
        List<String> services = List.copyOf(Profiles.enabledServices(desired, profiles));
        List<String> problems = new ArrayList<>(Profiles.check(desired, profiles).stream().map(ValidationError::toString).toList());
        Map<String, ContainerRequest> requests = new TreeMap<>();
        for (String s : services) {
            try {
                requests.put(s, ServiceTranslator.translate(ctx, desired, s));
            } catch (UnsupportedFieldException e) {
                problems.addAll(e.problems());
            }
        }
        List<PlanAction> actions = new ArrayList<>();

        // networks used by the deployed services
        Set<String> networkKeys = new TreeSet<>();
        Set<String> volumeKeys = new TreeSet<>();
        for (String s : services) {
            ServiceSpec spec = desired.services().get(s);
            networkKeys.addAll(ServiceTranslator.networkKeys(spec));
            volumeKeys.addAll(volumeKeys(spec));
        }
        Map<String, Network> labelledNetworks = new HashMap<>();
        for (Network n : observed.networks()) {
            String key = n.getLabels() == null ? null : n.getLabels().get(StackLabels.NETWORK);
            if (key != null) {
                labelledNetworks.put(key, n);
            }
        }
        Map<String, String> networkIds = new TreeMap<>();
        Map<String, NetworkRequest> newNetworks = new LinkedHashMap<>();
        Map<String, NetworkRequest> networkRecreations = new LinkedHashMap<>();
        for (String key : networkKeys) {
            NetworkSpec spec = StackNaming.networkSpec(desired, key);
            String dockerName = StackNaming.network(ctx.stackName(), key, spec);
            if (spec.external()) {
                Optional<Network> found = ops.findNetwork(dockerName);
                if (found.isEmpty()) {
                    problems.add("networks." + key + ": external network '" + dockerName + "' does not exist");
                } else {
                    networkIds.put(key, found.get().getId());
                }
                continue;
            }
            Network existing = labelledNetworks.get(key);
            if (existing != null) {
                networkIds.put(key, existing.getId());
                List<String> changes = ObjectChanges.network(key, existing.getLabels(), spec, versionLookup);
                if (!changes.isEmpty()) {
                    networkRecreations.put(key, networkRequest(ctx, key, spec, dockerName, problems));
                    actions.add(new PlanAction(PlanAction.Kind.RECREATE_NETWORK, existing.getName(), Optional.empty(), Optional.empty(),
                        changes));
                }
                continue;
            }
            newNetworks.put(key, networkRequest(ctx, key, spec, dockerName, problems));
            actions.add(new PlanAction(PlanAction.Kind.CREATE_NETWORK, dockerName, Optional.empty(), Optional.empty(),
                List.of("network '" + key + "' does not exist")));
        }

        Map<String, InspectVolumeResponse> labelledVolumes = new TreeMap<>();
        for (InspectVolumeResponse v : observed.volumes()) {
            String key = v.getLabels() == null ? null : v.getLabels().get(StackLabels.VOLUME);
            if (key != null) {
                labelledVolumes.put(key, v);
            }
        }
        Map<String, VolumeRequest> volumeRecreations = new LinkedHashMap<>();
        Map<String, String> volumeNames = new TreeMap<>();
        List<VolumeRequest> newVolumes = new ArrayList<>();
        for (String key : volumeKeys) {
            VolumeSpec spec = desired.volumes().getOrDefault(key, VolumeSpec.DEFAULT);
            String dockerName = StackNaming.volume(ctx.stackName(), key, spec);
            volumeNames.put(key, dockerName);
            if (spec.external()) {
                if (ops.findVolume(dockerName).isEmpty()) {
                    problems.add("volumes." + key + ": external volume '" + dockerName + "' does not exist");
                }
                continue;
            }
            Map<String, String> labels = new TreeMap<>(spec.labels());
            labels.putAll(objectLabels(ctx));
            labels.put(StackLabels.VOLUME, key);
            labels.put(StackLabels.COMPOSE_VOLUME, key);
            VolumeRequest request = new VolumeRequest(dockerName, spec.driver(), spec.driverOpts(), labels);
            InspectVolumeResponse existingVolume = labelledVolumes.get(key);
            if (existingVolume != null) {
                List<String> changes = ObjectChanges.volume(key, existingVolume.getLabels(), spec, versionLookup);
                if (!changes.isEmpty()) {
                    volumeRecreations.put(key, new VolumeRequest(existingVolume.getName(), spec.driver(), spec.driverOpts(), labels));
                    List<String> reasons = new ArrayList<>(changes);
                    reasons.add(ObjectChanges.DATA_LOST);
                    actions.add(new PlanAction(PlanAction.Kind.RECREATE_VOLUME, existingVolume.getName(), Optional.empty(),
                        Optional.empty(), reasons));
                }
                continue;
            }
            newVolumes.add(request);
            actions.add(new PlanAction(PlanAction.Kind.CREATE_VOLUME, dockerName, Optional.empty(), Optional.empty(),
                List.of("volume '" + key + "' does not exist")));
        }
        if (!problems.isEmpty()) {
            throw new CommandFailedException("the plan of " + ctx.stackName() + " " + ctx.version() + " is refused: "
                + String.join("; ", problems));
        }

        // containers
        Map<String, List<Container>> byService = new HashMap<>();
        List<Container> removals = new ArrayList<>();
        List<PlanAction> removeActions = new ArrayList<>();
        for (Container c : observed.containers()) {
            String service = c.getLabels() == null ? null : c.getLabels().get(StackLabels.SERVICE);
            if (service == null || !requests.containsKey(service)) {
                removals.add(c);
                removeActions.add(new PlanAction(PlanAction.Kind.REMOVE, name(c), Optional.ofNullable(service), Optional.of(c.getId()),
                    List.of(service == null ? "orphan container (no service label)" : desired.services().containsKey(service)
                        ? "service '" + service + "' is disabled by its profiles (" + String.join(", ",
                            desired.services().get(service).lifecycle().profiles()) + "; " + Profiles.describe(profiles) + ")"
                        : "service '" + service + "' is no longer defined")));
            } else {
                byService.computeIfAbsent(service, k -> new ArrayList<>()).add(c);
            }
        }
        Map<String, Container> existing = new TreeMap<>();
        Map<String, PlanAction.Kind> kinds = new TreeMap<>();
        Map<String, List<String>> reasons = new TreeMap<>();
        for (String s : services) {
            ContainerRequest request = requests.get(s);
            List<Container> found = new ArrayList<>(byService.getOrDefault(s, List.of()));
            // a start-first container left under its temporary name (a command that ended half-way) is never kept
            for (Container temporary : found.stream().filter(c -> StartFirst.isTemporary(name(c), request.name())).toList()) {
                found.remove(temporary);
                removals.add(temporary);
                removeActions.add(new PlanAction(PlanAction.Kind.REMOVE, name(temporary), Optional.of(s), Optional.of(temporary.getId()),
                    List.of("start-first container of service '" + s + "' left under its temporary name")));
            }
            Container match = found.stream().filter(c -> request.configHash().equals(c.getLabels().get(StackLabels.CONFIG_HASH)))
                .findFirst().orElse(found.isEmpty() ? null : found.get(0));
            for (Container extra : found) {
                if (extra != match) {
                    removals.add(extra);
                    removeActions.add(new PlanAction(PlanAction.Kind.REMOVE, name(extra), Optional.of(s), Optional.of(extra.getId()),
                        List.of("duplicate container of service '" + s + "'")));
                }
            }
            if (match == null) {
                kinds.put(s, PlanAction.Kind.CREATE);
                reasons.put(s, List.of("no container for service '" + s + "'"));
                continue;
            }
            existing.put(s, match);
            if (request.configHash().equals(match.getLabels().get(StackLabels.CONFIG_HASH))) {
                kinds.put(s, PlanAction.Kind.KEEP);
                reasons.put(s, List.of());
            } else {
                kinds.put(s, PlanAction.Kind.RECREATE);
                reasons.put(s, recreateReasons(s, match, desired, versionLookup));
            }
        }
        // a volume cannot be removed while a container uses it: the services mounting a recreated volume are recreated
        for (String s : services) {
            if (kinds.get(s) != PlanAction.Kind.KEEP && kinds.get(s) != PlanAction.Kind.RESTART) {
                continue;
            }
            List<String> recreatedVolumes = volumeKeys(desired.services().get(s)).stream().filter(volumeRecreations::containsKey).toList();
            if (!recreatedVolumes.isEmpty()) {
                kinds.put(s, PlanAction.Kind.RECREATE);
                reasons.put(s, recreatedVolumes.stream().map(v -> "volume '" + v + "' is recreated").toList());
            }
        }
        // services sharing a recreated service's network namespace are recreated with it; restart: true dependents restart
        boolean changed = true;
        while (changed) {
            changed = false;
            for (String s : services) {
                ServiceSpec spec = desired.services().get(s);
                Optional<String> shared = spec.networking().sharedService();
                if (shared.isPresent() && kinds.get(s) == PlanAction.Kind.KEEP
                    && isReplaced(kinds.get(shared.get()))) {
                    kinds.put(s, PlanAction.Kind.RECREATE);
                    reasons.put(s, List.of("network_mode: service:" + shared.get() + " is recreated"));
                    changed = true;
                }
                for (String from : spec.storage().volumesFromServices()) {
                    if (kinds.get(s) == PlanAction.Kind.KEEP && isReplaced(kinds.get(from))) {
                        kinds.put(s, PlanAction.Kind.RECREATE);
                        reasons.put(s, List.of("volumes_from: " + from + " is recreated"));
                        changed = true;
                    }
                }
            }
        }
        for (String s : services) {
            if (kinds.get(s) != PlanAction.Kind.KEEP) {
                continue;
            }
            for (Map.Entry<String, DependsOn> d : desired.services().get(s).lifecycle().dependsOn().entrySet()) {
                if (d.getValue().restart() && isReplaced(kinds.get(d.getKey()))) {
                    kinds.put(s, PlanAction.Kind.RESTART);
                    reasons.put(s, List.of("depends_on " + d.getKey() + " with restart: true, and it is recreated"));
                }
            }
        }
        for (String s : services) {
            Container c = existing.get(s);
            actions.add(new PlanAction(kinds.get(s), requests.get(s).name(), Optional.of(s), Optional.ofNullable(c).map(Container::getId),
                reasons.get(s)));
        }
        actions.addAll(removeActions);

        List<Network> networkRemovals = new ArrayList<>();
        for (Map.Entry<String, Network> n : labelledNetworks.entrySet()) {
            if (!networkKeys.contains(n.getKey())) {
                networkRemovals.add(n.getValue());
                actions.add(new PlanAction(PlanAction.Kind.REMOVE_NETWORK, n.getValue().getName(), Optional.empty(), Optional.empty(),
                    List.of("network '" + n.getKey() + "' is no longer used")));
            }
        }
        StackPlan view = new StackPlan(ctx.stackId(), ctx.stackName(), ctx.version(), actions,
            profiles.stream().distinct().sorted().toList(), Profiles.disabledServices(desired, profiles));
        return new ConvergencePlan(view, desired, services, requests, existing, networkIds, newNetworks, volumeNames, newVolumes,
            removals, networkRemovals, networkRecreations, volumeRecreations);
    }

    /** The named volumes a service mounts, by key. */
    private static List<String> volumeKeys(ServiceSpec spec) {
        List<String> keys = new ArrayList<>();
        for (Mount m : spec.storage().volumes()) {
            if (m.type() == MountType.VOLUME && m.source().isPresent()) {
                keys.add(m.source().get());
            }
        }
        return keys;
    }

    private static NetworkRequest networkRequest(ServiceTranslator.Context ctx, String key, NetworkSpec spec, String dockerName,
            List<String> problems) {
        spec.ipam().ifPresent(ipam -> ipam.config().forEach(pool -> {
            if (!pool.auxAddresses().isEmpty()) {
                problems.add("networks." + key + ".ipam.config.aux_addresses: not supported by the Docker client Core Monitor uses");
            }
        }));
        if (!spec.ipam().map(i -> i.options().isEmpty()).orElse(true)) {
            problems.add("networks." + key + ".ipam.options: not supported by the Docker client Core Monitor uses");
        }
        Map<String, String> labels = new TreeMap<>(spec.labels());
        labels.putAll(objectLabels(ctx));
        labels.put(StackLabels.NETWORK, key);
        labels.put(StackLabels.COMPOSE_NETWORK, key);
        return new NetworkRequest(dockerName, spec.driver(), spec.driverOpts(), spec.internal(), spec.attachable(),
            spec.enableIpv6().orElse(false), spec.ipam(), labels);
    }

    private static boolean isReplaced(PlanAction.Kind kind) {
        return kind == PlanAction.Kind.CREATE || kind == PlanAction.Kind.RECREATE;
    }

    private static Map<String, String> objectLabels(ServiceTranslator.Context ctx) {
        return Map.of(StackLabels.MANAGED, "true", StackLabels.STACK_ID, ctx.stackId(), StackLabels.VERSION, ctx.version(),
            StackLabels.COMMAND_ID, ctx.commandId(), StackLabels.COMPOSE_PROJECT, ctx.stackName());
    }

    private static List<String> recreateReasons(String service, Container container, ComposeDefinition desired,
            Function<String, Optional<ComposeDefinition>> versionLookup) {
        String version = container.getLabels().get(StackLabels.VERSION);
        Optional<ServiceSpec> before = Optional.ofNullable(version).flatMap(versionLookup).flatMap(d -> d.service(service));
        if (before.isEmpty()) {
            return List.of("config hash differs (the definition the container was created from, "
                + (version == null ? "unknown" : version) + ", is not available to name the fields)");
        }
        List<String> fields = SpecDiff.changedFields(before.get(), desired.services().get(service));
        if (fields.isEmpty()) {
            return List.of("config hash differs: the names of its networks or volumes changed (since " + version + ")");
        }
        return fields.stream().map(f -> f + " changed (since " + version + ")").toList();
    }

    static String name(Container c) {
        String[] names = c.getNames();
        if (names == null || names.length == 0) {
            return c.getId();
        }
        return names[0].startsWith("/") ? names[0].substring(1) : names[0];
    }
}
