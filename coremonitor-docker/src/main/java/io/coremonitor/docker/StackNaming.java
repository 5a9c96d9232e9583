package io.coremonitor.docker;

import io.coremonitor.model.ComposeDefinition;
import io.coremonitor.model.NetworkSpec;
import io.coremonitor.model.ServiceSpec;
import io.coremonitor.model.VolumeSpec;

/**
 * Docker names of a stack's objects, following compose: container {@code <stack>-<service>-1} (or
 * {@code container_name}), network {@code <stack>_<key>} ({@code <stack>_default} when none is declared), volume
 * {@code <stack>_<key>}; a {@code name:} or an external object keeps its own name. Names are only used to create
 * objects: existing ones are found by label.
 */
public final class StackNaming {

    /** The key of the network services join when they declare none. */
    public static final String DEFAULT_NETWORK = "default";

    private StackNaming() {
    }

    public static String container(String stack, String service, ServiceSpec spec) {
        return spec.metadata().containerName().orElse(stack + "-" + service + "-1");
    }

    public static String network(String stack, String key, NetworkSpec spec) {
        return spec.name().orElse(spec.external() ? key : stack + "_" + key);
    }

    public static String volume(String stack, String key, VolumeSpec spec) {
        return spec.name().orElse(spec.external() ? key : stack + "_" + key);
    }

    /** The spec of a network key, {@link NetworkSpec#DEFAULT} for an undeclared {@code default}. */
    public static NetworkSpec networkSpec(ComposeDefinition definition, String key) {
        NetworkSpec spec = definition.networks().get(key);
        return spec != null ? spec : NetworkSpec.DEFAULT;
    }

    /** The Docker name of a network key of the definition. */
    public static String network(String stack, ComposeDefinition definition, String key) {
        return network(stack, key, networkSpec(definition, key));
    }

    /** The Docker name of a volume key of the definition. */
    public static String volume(String stack, ComposeDefinition definition, String key) {
        VolumeSpec spec = definition.volumes().get(key);
        return volume(stack, key, spec != null ? spec : VolumeSpec.DEFAULT);
    }
}
