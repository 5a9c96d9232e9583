package io.coremonitor.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Compose profiles, as {@code docker compose --profile} activates them: a service without {@code profiles} is always
 * enabled; a service with profiles is enabled when one of them is active ({@code *} activates every profile); every
 * other part of a definition (networks, volumes, secrets, configs) is not affected. A reference from an enabled
 * service to a disabled one does not enable it (as in compose): a {@code depends_on} that is required, or a
 * {@code network_mode}, {@code ipc} or {@code pid} of {@code service:NAME}, is an error; a {@code depends_on} with
 * {@code required: false} is left out.
 */
public final class Profiles {

    /** A profile name (compose's rule, a single character allowed); {@code *} activates every profile. */
    public static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
    /** The profile that activates every profile. */
    public static final String ALL = "*";

    private Profiles() {
    }

    /**
     * Checks a list of active profiles as a request gives it; errors at {@code path[i]} (a name that is not a profile
     * name, or given twice).
     */
    public static List<ValidationError> checkNames(List<String> active, String path) {
        List<ValidationError> errors = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (int i = 0; i < active.size(); i++) {
            String p = active.get(i);
            String at = path + "[" + i + "]";
            if (!ALL.equals(p) && !NAME.matcher(p).matches()) {
                errors.add(new ValidationError(at, "'" + p + "' is not a profile name: letters, digits, '_', '.' and '-',"
                    + " starting with a letter or a digit (or '*' for every profile)"));
            } else if (!seen.add(p)) {
                errors.add(new ValidationError(at, "profile '" + p + "' is given twice"));
            }
        }
        return errors;
    }

    /** Whether a service is enabled when these profiles are active. */
    public static boolean enabled(ServiceSpec service, Collection<String> active) {
        List<String> own = service.lifecycle().profiles();
        return own.isEmpty() || active.contains(ALL) || own.stream().anyMatch(active::contains);
    }

    /** The services enabled by these active profiles, sorted by name. */
    public static Set<String> enabledServices(ComposeDefinition definition, Collection<String> active) {
        Set<String> out = new TreeSet<>();
        definition.services().forEach((name, spec) -> {
            if (enabled(spec, active)) {
                out.add(name);
            }
        });
        return out;
    }

    /** The services disabled by these active profiles, sorted by name, each with its profiles. */
    public static Map<String, List<String>> disabledServices(ComposeDefinition definition, Collection<String> active) {
        Map<String, List<String>> out = new TreeMap<>();
        definition.services().forEach((name, spec) -> {
            if (!enabled(spec, active)) {
                out.put(name, spec.lifecycle().profiles());
            }
        });
        return out;
    }

    /**
     * The errors of running a definition with these active profiles: an enabled service that needs a disabled one
     * (a required {@code depends_on}, or a {@code service:NAME} namespace); each at the path of the reference.
     */
    public static List<ValidationError> check(ComposeDefinition definition, Collection<String> active) {
        List<ValidationError> errors = new ArrayList<>();
        Set<String> enabled = enabledServices(definition, active);
        for (String name : enabled) {
            ServiceSpec spec = definition.services().get(name);
            String path = "services." + name;
            spec.lifecycle().dependsOn().forEach((dep, d) -> {
                if (d.required() && isDisabled(definition, enabled, dep)) {
                    errors.add(new ValidationError(path + ".depends_on." + dep, disabled(definition, dep, active)
                        + ", and '" + name + "' depends on it; activate one of its profiles, or declare the dependency"
                        + " 'required: false'"));
                }
            });
            Set<String> shared = new LinkedHashSet<>();
            spec.networking().sharedService().ifPresent(s -> shared.add("network_mode=" + s));
            serviceRef(spec.security().ipc()).ifPresent(s -> shared.add("ipc=" + s));
            serviceRef(spec.security().pid()).ifPresent(s -> shared.add("pid=" + s));
            for (String ref : shared) {
                String key = ref.substring(0, ref.indexOf('='));
                String target = ref.substring(ref.indexOf('=') + 1);
                if (isDisabled(definition, enabled, target)) {
                    errors.add(new ValidationError(path + "." + key, disabled(definition, target, active) + ", and '"
                        + name + "' shares its " + key.replace("network_mode", "network") + " namespace; activate one of"
                        + " its profiles"));
                }
            }
        }
        return errors;
    }

    /**
     * The definition as it runs with these active profiles, as {@code docker compose --profile ... config} prints it:
     * the enabled services only (a {@code depends_on} of one of them on a disabled service, necessarily not required,
     * left out), every network, volume, secret and config kept.
     *
     * @throws InvalidDefinitionException with the errors of {@link #check}
     */
    public static ComposeDefinition apply(ComposeDefinition definition, Collection<String> active) {
        List<ValidationError> errors = check(definition, active);
        if (!errors.isEmpty()) {
            throw new InvalidDefinitionException(errors);
        }
        Set<String> enabled = enabledServices(definition, active);
        Map<String, ServiceSpec> services = new TreeMap<>();
        for (String name : enabled) {
            ServiceSpec s = definition.services().get(name);
            ServiceLifecycle l = s.lifecycle();
            Map<String, DependsOn> deps = new TreeMap<>(l.dependsOn());
            deps.keySet().removeIf(d -> isDisabled(definition, enabled, d));
            services.put(name, new ServiceSpec(s.process(), s.networking(), s.storage(), s.resources(), s.security(),
                l.withDependsOn(deps), s.metadata(), s.deploy()));
        }
        return new ComposeDefinition(definition.name(), services, definition.networks(), definition.volumes(),
            definition.secrets(), definition.configs());
    }

    /** The active profiles in words, for messages and logs. */
    public static String describe(Collection<String> active) {
        return active.isEmpty() ? "no profile active" : "active profiles: " + String.join(", ", active);
    }

    private static boolean isDisabled(ComposeDefinition definition, Set<String> enabled, String service) {
        return definition.services().containsKey(service) && !enabled.contains(service);
    }

    private static String disabled(ComposeDefinition definition, String service, Collection<String> active) {
        return "service '" + service + "' is disabled by its profiles ("
            + String.join(", ", definition.services().get(service).lifecycle().profiles()) + "; " + describe(active) + ")";
    }

    private static Optional<String> serviceRef(Optional<String> mode) {
        return mode.filter(m -> m.startsWith("service:")).map(m -> m.substring("service:".length()));
    }
}
