package io.coremonitor.engine.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A component of the catalog: a middleware, a database or an application a stack can be assembled from.
 *
 * @param id          the key the choices name it by ({@code postgresql})
 * @param title       its name for a person ({@code PostgreSQL})
 * @param description what it is
 * @param category    a group for the wizard ({@code database}, {@code web}, {@code application}, ...)
 * @param versions    its versions, the preferred first (the default when the choices name none)
 * @param parameters  what it is configured with
 * @param provides    what every version provides (a version adds its own)
 * @param requires    what it needs from other chosen components
 * @param conflicts   components it cannot share a stack with
 * @param exports     values it shows to the components wired to it ({@code ${wired.KEY.export.NAME}}), templates
 *                    over its own parameters
 * @param compose     its compose fragment
 * @param source      where it was read from (a resource or a file), for messages
 */
public record Component(String id, String title, String description, String category, List<ComponentVersion> versions,
        List<Parameter> parameters, List<Capability> provides, List<Requirement> requires, List<Conflict> conflicts,
        Map<String, String> exports, ComposeFragment compose, String source) {

    public Component {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(category, "category");
        versions = List.copyOf(versions);
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("a component has at least one version: " + id);
        }
        parameters = List.copyOf(parameters);
        provides = List.copyOf(provides);
        requires = List.copyOf(requires);
        conflicts = List.copyOf(conflicts);
        exports = Map.copyOf(exports);
        Objects.requireNonNull(compose, "compose");
        Objects.requireNonNull(source, "source");
    }

    /** The version written {@code version}. */
    public Optional<ComponentVersion> version(String version) {
        return versions.stream().filter(v -> v.version().equals(version)).findFirst();
    }

    /** The preferred version (the first). */
    public ComponentVersion defaultVersion() {
        return versions.get(0);
    }

    /** The parameter named {@code name}. */
    public Optional<Parameter> parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The requirement whose key is {@code key}. */
    public Optional<Requirement> requirement(String key) {
        return requires.stream().filter(r -> r.key().equals(key)).findFirst();
    }

    /** What {@code version} provides: the component's capabilities and the version's. */
    public List<Capability> provides(ComponentVersion version) {
        List<Capability> all = new ArrayList<>(provides);
        all.addAll(version.provides());
        return List.copyOf(all);
    }

    /**
     * {@code Tomcat 10.1}: the title and a version, as messages name a component; the title alone for a component that
     * runs no image of its own (an application merged into another's service), whose version says nothing.
     */
    public String label(ComponentVersion version) {
        return compose.into().isPresent() ? title : title + " " + version.version();
    }
}
