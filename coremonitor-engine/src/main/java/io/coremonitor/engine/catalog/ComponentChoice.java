package io.coremonitor.engine.catalog;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One component chosen for a stack.
 *
 * @param name       the instance name, which is its compose service name; the component id when empty
 * @param component  the catalog id
 * @param version    the version; the component's preferred one when empty
 * @param parameters parameter values, as text (a form's fields)
 * @param image      another image to run instead of the version's (a mirror, a patched build)
 * @param wiring     requirement key to the instance name that provides it; {@link #NOT_WIRED} leaves an optional
 *                   requirement unwired
 */
public record ComponentChoice(Optional<String> name, String component, Optional<String> version, Map<String, String> parameters,
        Optional<String> image, Map<String, String> wiring) {

    /** The wiring value that leaves an optional requirement unwired even when a provider is there. */
    public static final String NOT_WIRED = "";

    public ComponentChoice {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(version, "version");
        parameters = Map.copyOf(parameters);
        Objects.requireNonNull(image, "image");
        wiring = Map.copyOf(wiring);
    }

    /** The component {@code id}, its preferred version, default parameters, wired automatically. */
    public static ComponentChoice of(String id) {
        return new ComponentChoice(Optional.empty(), id, Optional.empty(), Map.of(), Optional.empty(), Map.of());
    }

    /** The instance name: {@link #name()} or else the component id. */
    public String instanceName() {
        return name.orElse(component);
    }

    /** This choice named {@code instance}. */
    public ComponentChoice named(String instance) {
        return new ComponentChoice(Optional.of(instance), component, version, parameters, image, wiring);
    }

    /** This choice at {@code v}. */
    public ComponentChoice version(String v) {
        return new ComponentChoice(name, component, Optional.of(v), parameters, image, wiring);
    }

    /** This choice with the parameter {@code key} set to {@code value}. */
    public ComponentChoice param(String key, String value) {
        Map<String, String> p = new TreeMap<>(parameters);
        p.put(key, value);
        return new ComponentChoice(name, component, version, p, image, wiring);
    }

    /** This choice running {@code reference} instead of the version's image. */
    public ComponentChoice image(String reference) {
        return new ComponentChoice(name, component, version, parameters, Optional.of(reference), wiring);
    }

    /** This choice with its requirement {@code key} wired to the instance {@code instance}. */
    public ComponentChoice wire(String key, String instance) {
        Map<String, String> w = new TreeMap<>(wiring);
        w.put(key, instance);
        return new ComponentChoice(name, component, version, parameters, image, w);
    }
}
