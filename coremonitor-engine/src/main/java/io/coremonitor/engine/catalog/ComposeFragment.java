package io.coremonitor.engine.catalog;

import io.coremonitor.engine.catalog.internal.Trees;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a component contributes to the compose definition, a tree of maps, lists and scalars whose string scalars (and
 * map keys) may hold placeholders (see docs/CATALOG.md).
 *
 * @param service  the service body: the component's own service, named after its instance, or, with {@code into},
 *                 what it adds to another instance's service
 * @param into     the requirement key whose wired instance's service receives {@code service} (the component then has
 *                 no service of its own: an application deployed into a servlet container)
 * @param volumes  top-level volumes
 * @param when     fragments merged only when the optional requirement named by the key is wired
 */
public record ComposeFragment(Map<String, Object> service, Optional<String> into, Map<String, Object> volumes,
        Map<String, ComposeFragment> when) {

    public ComposeFragment {
        service = Trees.immutableMap(service);
        Objects.requireNonNull(into, "into");
        volumes = Trees.immutableMap(volumes);
        when = Map.copyOf(when);
    }
}
