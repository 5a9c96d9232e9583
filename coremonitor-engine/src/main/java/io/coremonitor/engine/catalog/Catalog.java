package io.coremonitor.engine.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The components the wizard offers, sorted by id; read by {@link CatalogLoader} (or made from components in a test).
 *
 * @param components every component, sorted by id, ids unique
 */
public record Catalog(List<Component> components) {

    public Catalog {
        Map<String, Component> byId = new TreeMap<>();
        for (Component c : components) {
            if (byId.put(c.id(), c) != null) {
                throw new IllegalArgumentException("two components have the id '" + c.id() + "'");
            }
        }
        components = List.copyOf(byId.values());
    }

    /** The component whose id is {@code id}. */
    public Optional<Component> find(String id) {
        Objects.requireNonNull(id, "id");
        return components.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** The ids, sorted. */
    public List<String> ids() {
        return components.stream().map(Component::id).toList();
    }

    /**
     * Every component version that would fit {@code requirement}, as messages name them ({@code WildFly 39}), one per
     * component (its preferred fitting version), sorted by title.
     */
    public List<String> fittingVersions(Requirement requirement) {
        List<String> labels = new ArrayList<>();
        List<Component> byTitle = new ArrayList<>(components);
        byTitle.sort(Comparator.comparing(Component::title).thenComparing(Component::id));
        for (Component c : byTitle) {
            c.versions().stream().filter(v -> c.provides(v).stream().anyMatch(requirement::fits)).findFirst()
                .ifPresent(v -> labels.add(c.label(v)));
        }
        return labels;
    }
}
