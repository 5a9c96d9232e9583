package io.coremonitor.engine.catalog.internal;

import io.coremonitor.engine.catalog.Catalog;
import io.coremonitor.engine.catalog.Component;
import io.coremonitor.engine.catalog.ComponentChoice;
import io.coremonitor.engine.catalog.ComponentVersion;
import io.coremonitor.engine.catalog.WizardChoices;
import io.coremonitor.model.InvalidDefinitionException;
import io.coremonitor.model.Names;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The stack name, and each choice's component, version, instance name and image; the instances found. */
public final class InstanceResolver {

    private final Catalog catalog;
    private final Findings findings;

    public InstanceResolver(Catalog catalog, Findings findings) {
        this.catalog = catalog;
        this.findings = findings;
    }

    /** The instances whose component and version exist (the others are errors). */
    public List<Instance> resolve(WizardChoices choices) {
        try {
            Names.checkStackName(choices.stackName());
        } catch (InvalidDefinitionException e) {
            findings.error("stackName", e.errors().get(0).message(), "name the stack with lower-case letters, digits, '-' and '_'");
        }
        List<Instance> instances = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        for (int i = 0; i < choices.components().size(); i++) {
            ComponentChoice choice = choices.components().get(i);
            String path = "components[" + i + "]";
            String name = choice.instanceName();
            boolean nameOk = name(path, name, names, i);
            Optional<Component> component = catalog.find(choice.component());
            if (component.isEmpty()) {
                findings.error(path + ".component", "there is no component '" + choice.component() + "' in the catalog",
                    "choose one of: " + String.join(", ", catalog.ids()), catalog.ids());
                continue;
            }
            Component c = component.get();
            Optional<ComponentVersion> version = choice.version().isEmpty() ? Optional.of(c.defaultVersion())
                : c.version(choice.version().get());
            List<String> versions = c.versions().stream().map(ComponentVersion::version).toList();
            if (version.isEmpty()) {
                findings.error(path + ".version", c.title() + " has no version '" + choice.version().get() + "'",
                    "choose one of: " + String.join(", ", versions), versions);
                continue;
            }
            Optional<String> image = image(path, c, version.get(), choice);
            if (nameOk) {
                instances.add(new Instance(i, name, choice, c, version.get(), image));
            }
        }
        return instances;
    }

    private boolean name(String path, String name, Map<String, Integer> names, int index) {
        if (!Names.isValidResourceName(name)) {
            findings.error(path + ".name", "'" + name + "' is not a service name",
                "use letters, digits, '.', '_' and '-', starting with a letter or a digit");
            return false;
        }
        Integer before = names.putIfAbsent(name, index);
        if (before != null) {
            String free = freeName(name, names);
            findings.error(path + ".name", "the name '" + name + "' is already the name of components[" + before + "]",
                "give this instance another name, such as " + free, List.of(free));
            return false;
        }
        return true;
    }

    private static String freeName(String name, Map<String, Integer> names) {
        int n = 2;
        while (names.containsKey(name + "-" + n)) {
            n++;
        }
        return name + "-" + n;
    }

    private Optional<String> image(String path, Component c, ComponentVersion version, ComponentChoice choice) {
        if (choice.image().isEmpty()) {
            return version.image();
        }
        String image = choice.image().get();
        if (c.compose().into().isPresent()) {
            findings.error(path + ".image", c.title() + " runs no image of its own: it is deployed into the service it is wired to",
                "leave the image empty");
            return Optional.empty();
        }
        if (!Images.isReference(image)) {
            findings.error(path + ".image", "'" + image + "' is not an image reference",
                "give an image such as " + version.image().orElse("registry.example.com/name:tag") + ", or leave it empty");
            return version.image();
        }
        return Optional.of(image);
    }
}
