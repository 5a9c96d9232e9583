package io.coremonitor.engine;

import java.util.List;
import java.util.Objects;

/**
 * What converging a stack to a version does: the answer of a dry run and the script of an APPLY.
 *
 * @param stackId   the stack
 * @param stackName its name
 * @param version   the desired version
 * @param actions   networks and volumes first, then containers by service name, then removals
 */
public record StackPlan(String stackId, String stackName, String version, List<PlanAction> actions) {

    public StackPlan {
        Objects.requireNonNull(stackId, "stackId");
        Objects.requireNonNull(stackName, "stackName");
        Objects.requireNonNull(version, "version");
        actions = List.copyOf(actions);
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
