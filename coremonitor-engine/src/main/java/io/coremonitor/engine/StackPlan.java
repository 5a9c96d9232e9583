package io.coremonitor.engine;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What converging a stack to a version does: the answer of a dry run and the script of an APPLY.
 *
 * @param stackId   the stack
 * @param stackName its name
 * @param version   the desired version
 * @param actions   networks and volumes first, then containers by service name, then removals
 * @param profiles  the active profiles (sorted; {@code *} activates all)
 * @param disabled  the services of the version that none of the active profiles enables, each with its profiles
 */
public record StackPlan(String stackId, String stackName, String version, List<PlanAction> actions, List<String> profiles,
        Map<String, List<String>> disabled) {

    public StackPlan {
        Objects.requireNonNull(stackId, "stackId");
        Objects.requireNonNull(stackName, "stackName");
        Objects.requireNonNull(version, "version");
        actions = List.copyOf(actions);
        profiles = List.copyOf(profiles);
        disabled = java.util.Collections.unmodifiableMap(new TreeMap<>(disabled));
    }

    /** A plan without active profiles nor disabled services. */
    public StackPlan(String stackId, String stackName, String version, List<PlanAction> actions) {
        this(stackId, stackName, version, actions, List.of(), Map.of());
    }

    /** Actions of one kind. */
    public List<PlanAction> actions(PlanAction.Kind kind) {
        return actions.stream().filter(a -> a.kind() == kind).toList();
    }

    /** True when nothing but KEEP: applying changes nothing (already-stopped containers may still be started). */
    public boolean unchanged() {
        return actions.stream().noneMatch(PlanAction::mutating);
    }
}
