package io.coremonitor.engine.catalog;

import java.util.List;
import java.util.Objects;

/**
 * What a user chose in the wizard: a stack name and its components. Error paths point into it:
 * {@code stackName}, {@code components[1].parameters.port}, {@code components[2].wiring.database}.
 *
 * @param stackName  the stack's name (the compose project name)
 * @param components the chosen components, in the order they were chosen
 */
public record WizardChoices(String stackName, List<ComponentChoice> components) {

    public WizardChoices {
        Objects.requireNonNull(stackName, "stackName");
        components = List.copyOf(components);
    }

    /** The choices {@code stackName} with {@code components}. */
    public static WizardChoices of(String stackName, ComponentChoice... components) {
        return new WizardChoices(stackName, List.of(components));
    }
}
