package io.coremonitor.docker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coremonitor.docker.internal.translation.ContainerDraft;
import io.coremonitor.docker.internal.translation.LifecycleTranslator;
import io.coremonitor.docker.internal.translation.MetadataTranslator;
import io.coremonitor.docker.internal.translation.NetworkingTranslator;
import io.coremonitor.docker.internal.translation.ProcessTranslator;
import io.coremonitor.docker.internal.translation.ResourcesTranslator;
import io.coremonitor.docker.internal.translation.SecurityTranslator;
import io.coremonitor.docker.internal.translation.StorageTranslator;
import io.coremonitor.model.CanonicalJson;
import io.coremonitor.model.ComposeDefinition;
import io.coremonitor.model.ContentSource;
import io.coremonitor.model.DeploySettings;
import io.coremonitor.model.FileMount;
import io.coremonitor.model.Mount;
import io.coremonitor.model.MountType;
import io.coremonitor.model.ServiceSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Translates one service of a definition into a container create request, each part of its {@link ServiceSpec} by the
 * translator of that concern ({@code internal.translation}: process, networking, storage, resources, security,
 * lifecycle, metadata); this class adds the stack's labels and the config hash. Every field either reaches the request
 * or is refused ({@link UnsupportedFieldException} listing each refused field with its path): nothing is silently
 * dropped. Fields without any container effect are accepted and documented here: {@code depends_on} (start order),
 * {@code attach} (log attachment of a CLI), {@code profiles} (the planner deploys only services without profiles),
 * {@code pull_policy} (the executor pulls a missing image unless {@code never}), and ports' {@code name},
 * {@code app_protocol} and {@code mode} (metadata; both modes publish on the engine's host),
 * {@code x-coremonitor-deploy} (where the engine deploys application artifacts),
 * {@code deploy.update_config.order} (how the executor replaces the container), and {@code post_start} and
 * {@code pre_stop} (run by the engine with {@code docker exec} after a start and before a stop).
 *
 * <p><b>Config hash.</b> SHA-256 of a JSON document holding the stack name, the container name, the service's
 * canonical JSON (see {@link CanonicalJson}) without the keys that do not shape the container ({@code depends_on},
 * {@code profiles}, {@code attach}, {@code pull_policy}, {@code post_start}, {@code pre_stop},
 * {@code x-coremonitor-deploy}, {@code deploy.update_config}), and the Docker names the service's network and volume
 * keys resolve to, and (only when it has any) the top-level entries its {@code secrets} and {@code configs} name: where
 * each file comes from, so that new inline content recreates the container; a stored secret's or an environment
 * variable's value is not part of it (a new value reaches a container when it is recreated). The image is included as
 * the reference written in the definition,
 * not as the resolved image id: re-tagging an image does not recreate containers (as {@code docker compose up} without {@code --pull}).
 */
public final class ServiceTranslator {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ServiceTranslator() {
    }

    /**
     * The identity of a container in a stack: which stack, version and command it was made by.
     *
     * @param stackId   the stack's id
     * @param stackName the stack's name (prefix of object names, compose project)
     * @param version   the version label
     * @param commandId the command that creates it
     */
    public record Context(String stackId, String stackName, String version, String commandId) {
    }

    /**
     * The create request of a service.
     *
     * @throws UnsupportedFieldException listing every field that cannot be translated
     */
    public static ContainerRequest translate(Context ctx, ComposeDefinition definition, String service) {
        ServiceSpec spec = definition.services().get(service);
        if (spec == null) {
            throw new IllegalArgumentException("no service " + service);
        }
        String name = StackNaming.container(ctx.stackName(), service, spec);
        String hash = configHash(ctx.stackName(), definition, service);

        // the order lists refused fields as before the split: mounts, networks, reservations, annotations, ...
        ContainerDraft draft = new ContainerDraft(service);
        StorageTranslator.translate(ctx.stackName(), definition, spec.storage(), draft);
        List<NetworkJoin> extra = NetworkingTranslator.translate(ctx.stackName(), definition, service, spec.networking(), draft);
        ResourcesTranslator.translate(spec.resources(), draft);
        MetadataTranslator.translate(spec.metadata(), draft);
        LifecycleTranslator.translate(spec.lifecycle(), draft);
        SecurityTranslator.translate(spec.security(), draft);
        ProcessTranslator.translate(spec.process(), draft);
        if (!draft.problems().isEmpty()) {
            throw new UnsupportedFieldException(draft.problems());
        }
        Map<String, String> labels = labels(ctx, service, spec, hash);
        draft.stopTimeoutSeconds().ifPresent(seconds -> labels.put(StackLabels.STOP_TIMEOUT, Integer.toString(seconds)));
        return new ContainerRequest(name, spec.process().image(), labels, hash, draft.configuration(), extra,
            draft.stopTimeoutSeconds().orElse(null));
    }

    private static Map<String, String> labels(Context ctx, String service, ServiceSpec spec, String hash) {
        Map<String, String> labels = new TreeMap<>(spec.metadata().labels());
        labels.put(StackLabels.MANAGED, "true");
        labels.put(StackLabels.STACK_ID, ctx.stackId());
        labels.put(StackLabels.VERSION, ctx.version());
        labels.put(StackLabels.SERVICE, service);
        labels.put(StackLabels.COMMAND_ID, ctx.commandId());
        labels.put(StackLabels.CONFIG_HASH, hash);
        labels.put(StackLabels.COMPOSE_PROJECT, ctx.stackName());
        labels.put(StackLabels.COMPOSE_SERVICE, service);
        labels.put(StackLabels.COMPOSE_NUMBER, "1");
        labels.put(StackLabels.COMPOSE_ONEOFF, "False");
        return labels;
    }

    /**
     * The keys a service sets that depend on what the engine supports ({@code cpu_rt_period}/{@code cpu_rt_runtime}: a
     * kernel with real-time group scheduling; {@code cpu_count}/{@code cpu_percent}: a Windows engine; {@code storage_opt}:
     * a storage driver with quotas; {@code blkio_config}, {@code device_cgroup_rules}, {@code cpuset}: the cgroup
     * controllers and devices of the host), in compose spelling: named when Docker refuses to create or start the
     * container, so that the failure says which key the engine could not honour.
     */
    public static List<String> engineDependentKeys(ServiceSpec spec) {
        var r = spec.resources();
        List<String> keys = new java.util.ArrayList<>();
        r.cpuset().ifPresent(x -> keys.add("cpuset"));
        r.cpuRtPeriod().ifPresent(x -> keys.add("cpu_rt_period"));
        r.cpuRtRuntime().ifPresent(x -> keys.add("cpu_rt_runtime"));
        r.cpuCount().ifPresent(x -> keys.add("cpu_count"));
        r.cpuPercent().ifPresent(x -> keys.add("cpu_percent"));
        if (!r.blkioConfig().isEmpty()) {
            keys.add("blkio_config");
        }
        if (!r.deviceCgroupRules().isEmpty()) {
            keys.add("device_cgroup_rules");
        }
        if (!r.storageOpt().isEmpty()) {
            keys.add("storage_opt");
        }
        return List.copyOf(keys);
    }

    /** The networks a service joins, by key, in connection order (priority, higher first, then key). */
    public static List<String> networkKeys(ServiceSpec spec) {
        return NetworkingTranslator.networkKeys(spec.networking());
    }

    /** How a service joins the network of {@code key} (aliases, addresses), empty when it does not join it. */
    public static Optional<NetworkJoin> networkJoin(String stackName, ComposeDefinition definition, String service, String key) {
        return NetworkingTranslator.join(stackName, definition, service, key);
    }

    /** The config hash of a service (see the class comment). */
    public static String configHash(String stackName, ComposeDefinition definition, String service) {
        ServiceSpec spec = definition.services().get(service);
        try {
            // the sources of its secret and config files count (a new inline content recreates); their values do not
            ComposeDefinition alone = new ComposeDefinition(Optional.empty(), Map.of(service, spec), Map.of(), Map.of(),
                used(definition.secrets(), spec.storage().secrets()), used(definition.configs(), spec.storage().configs()));
            ObjectNode tree = (ObjectNode) JSON.readTree(CanonicalJson.toJson(alone));
            ObjectNode node = (ObjectNode) tree.path("services").path(service);
            // x-coremonitor-deploy says where apps go, not how the container is made: changing it recreates nothing
            // post_start and pre_stop are run by Core Monitor around starts and stops: changing them recreates nothing
            node.remove(List.of("depends_on", "profiles", "attach", "pull_policy", "post_start", "pre_stop", DeploySettings.KEY));
            // deploy.update_config says how a container is replaced, not how it is made
            if (node.path("deploy") instanceof ObjectNode deploy) {
                deploy.remove("update_config");
                if (deploy.isEmpty()) {
                    node.remove("deploy");
                }
            }
            ObjectNode input = JSON.createObjectNode();
            input.put("stack", stackName);
            input.put("container_name", StackNaming.container(stackName, service, spec));
            input.set("service", node);
            ObjectNode networks = input.putObject("networks");
            for (String key : networkKeys(spec)) {
                networks.put(key, StackNaming.network(stackName, definition, key));
            }
            ObjectNode volumes = input.putObject("volumes");
            for (Mount m : spec.storage().volumes()) {
                if (m.type() == MountType.VOLUME && m.source().isPresent()) {
                    volumes.put(m.source().get(), StackNaming.volume(stackName, definition, m.source().get()));
                }
            }
            ObjectNode sources = tree.deepCopy();
            sources.remove("services");
            if (!sources.isEmpty()) {
                input.set("files", sources);
            }
            return CanonicalJson.sha256(JSON.writeValueAsString(input));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("canonical JSON is always readable", e);
        }
    }

    private static Map<String, ContentSource> used(Map<String, ContentSource> declared, List<FileMount> mounts) {
        Map<String, ContentSource> used = new TreeMap<>();
        mounts.forEach(m -> used.put(m.source(), declared.get(m.source())));
        return used;
    }
}
