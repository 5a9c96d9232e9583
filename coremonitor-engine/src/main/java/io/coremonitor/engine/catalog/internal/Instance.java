package io.coremonitor.engine.catalog.internal;

import io.coremonitor.engine.catalog.Capability;
import io.coremonitor.engine.catalog.Component;
import io.coremonitor.engine.catalog.ComponentChoice;
import io.coremonitor.engine.catalog.ComponentVersion;
import java.util.List;
import java.util.Optional;

/**
 * A chosen component found in the catalog.
 *
 * @param index     its place in the choices
 * @param name      its instance name
 * @param choice    what was chosen
 * @param component the catalog component
 * @param version   the version
 * @param image     the image it runs (the override, else the version's); empty for a component merged into another
 */
public record Instance(int index, String name, ComponentChoice choice, Component component, ComponentVersion version,
        Optional<String> image) {

    /** {@code components[2]}. */
    public String path() {
        return "components[" + index + "]";
    }

    /** {@code components[2].rest}. */
    public String path(String rest) {
        return path() + "." + rest;
    }

    /** {@code Tomcat 9}, and its instance name when it is not the component id: {@code Tomcat 9 (web)}. */
    public String label() {
        String label = component.label(version);
        return name.equals(component.id()) ? label : label + " (" + name + ")";
    }

    /** What it provides. */
    public List<Capability> provides() {
        return component.provides(version);
    }
}
