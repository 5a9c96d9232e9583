package io.coremonitor.model.internal;

import io.coremonitor.model.ComposeDefinition;
import io.coremonitor.model.ContentSource;
import io.coremonitor.model.DefinitionFiles;
import io.coremonitor.model.NetworkSpec;
import io.coremonitor.model.ServiceSpec;
import io.coremonitor.model.VolumeSpec;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns an interpolated tree into the typed model, parsing short syntaxes. Values of a wrong shape are reported and
 * skipped so that every error of the document is found in one pass. Each part of a {@link ServiceSpec} is read by the
 * converter of its concern ({@link ProcessConverter}, {@link NetworkingConverter}, {@link StorageConverter},
 * {@link ResourcesConverter}, {@link SecurityConverter}, {@link LifecycleConverter}, {@link MetadataConverter}); this
 * class assembles them, reads {@code deploy} once for the two that need it, and hands the top-level networks and volumes
 * and the secrets and configs to {@link TopLevelConverter}. Remembers where each port and mount came from, for the semantic checks.
 */
public final class ModelConverter {

    private final Values v;
    /** Origin path of each PortMapping / Mount object (identity). */
    private final Map<Object, String> origins = new IdentityHashMap<>();
    private final ProcessConverter process;
    private final NetworkingConverter networking;
    private final StorageConverter storage;
    private final ResourcesConverter resources;
    private final SecurityConverter security;
    private final LifecycleConverter lifecycle;
    private final MetadataConverter metadata;
    private final TopLevelConverter topLevel;
    private final DeployConverter deploy;

    public ModelConverter(Problems problems, Map<String, String> variables) {
        this(problems, variables, DefinitionFiles.none());
    }

    /** A converter whose {@code env_file} entries are read from {@code files}. */
    public ModelConverter(Problems problems, Map<String, String> variables, DefinitionFiles files) {
        this.v = new Values(problems);
        this.process = new ProcessConverter(v, variables, files);
        this.networking = new NetworkingConverter(v, origins);
        this.storage = new StorageConverter(v, origins);
        this.resources = new ResourcesConverter(v);
        this.security = new SecurityConverter(v);
        this.lifecycle = new LifecycleConverter(v);
        this.metadata = new MetadataConverter(v);
        this.topLevel = new TopLevelConverter(v);
        this.deploy = new DeployConverter(v);
    }

    public Map<Object, String> origins() {
        return origins;
    }

    public ComposeDefinition convert(Map<String, Object> root) {
        Optional<String> name = v.string(root, "", "name");
        if (root.containsKey("version")) {
            v.warn("version", "'version' is obsolete and ignored");
        }
        Map<String, ServiceSpec> services = new LinkedHashMap<>();
        Map<String, Object> rawServices = v.mapping(root.get("services"), "services");
        for (Map.Entry<String, Object> e : rawServices.entrySet()) {
            String path = Paths.key("services", e.getKey());
            if (!(e.getValue() instanceof Map)) {
                v.error(path, "a service must be a mapping, not " + TreeTypes.describe(e.getValue()));
                continue;
            }
            services.put(e.getKey(), service(v.mapping(e.getValue(), path), path));
        }
        Map<String, NetworkSpec> networks = new LinkedHashMap<>();
        v.mapping(root.get("networks"), "networks").forEach((key, value) -> {
            String path = Paths.key("networks", key);
            networks.put(key, topLevel.network(v.mapping(value, path), path));
        });
        Map<String, VolumeSpec> volumes = new LinkedHashMap<>();
        v.mapping(root.get("volumes"), "volumes").forEach((key, value) -> {
            String path = Paths.key("volumes", key);
            volumes.put(key, topLevel.volume(v.mapping(value, path), path));
        });
        return new ComposeDefinition(name, services, networks, volumes, contents(root, "secrets", false),
            contents(root, "configs", true));
    }

    private Map<String, ContentSource> contents(Map<String, Object> root, String key, boolean config) {
        Map<String, ContentSource> out = new LinkedHashMap<>();
        v.mapping(root.get(key), key).forEach((k, value) -> {
            String path = Paths.key(key, k);
            topLevel.content(k, v.mapping(value, path), path, config).ifPresent(c -> out.put(k, c));
        });
        return out;
    }

    private ServiceSpec service(Map<String, Object> s, String path) {
        String deployPath = Paths.key(path, "deploy");
        Map<String, Object> deploy = v.mapping(s.get("deploy"), deployPath);
        Optional<Long> replicas = v.integer(deploy, deployPath, "replicas");
        if (replicas.isPresent() && replicas.get() != 1) {
            v.error(Paths.key(deployPath, "replicas"), "Core Monitor runs exactly one container per service; 'replicas: "
                + replicas.get() + "' is not supported");
        }
        return new ServiceSpec(
            process.process(s, path),
            networking.networking(s, path),
            storage.storage(s, path),
            resources.resources(s, path, deploy, deployPath),
            security.security(s, path),
            lifecycle.lifecycle(s, path, deploy, deployPath),
            metadata.metadata(s, path),
            this.deploy.deploy(s, path));
    }
}
