package io.coremonitor.engine.internal.convergence;

import io.coremonitor.engine.PlanAction;
import io.coremonitor.engine.StackPlan;
import io.coremonitor.model.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The applications are part of the desired state: a service with {@code x-coremonitor-deploy} and a current
 * deployment whose container the plan creates or recreates gets that application deployed again by the same command.
 * The plan says so in the action's reasons.
 */
final class AppsInPlan {

    private AppsInPlan() {
    }

    /** The services whose application the plan must deploy again, with their current deployment. */
    static Map<String, Deployment> toRedeploy(ConvergencePlan plan, Map<String, Deployment> current) {
        Map<String, Deployment> result = new java.util.TreeMap<>();
        for (PlanAction a : plan.view().actions()) {
            if ((a.kind() == PlanAction.Kind.CREATE || a.kind() == PlanAction.Kind.RECREATE) && a.service().isPresent()) {
                String s = a.service().get();
                boolean takesApps = plan.definition().service(s).flatMap(spec -> spec.deploy()).isPresent();
                Deployment d = current.get(s);
                if (takesApps && d != null) {
                    result.put(s, d);
                }
            }
        }
        return result;
    }

    /** The plan with "then deploys its application again" in the reasons of those actions. */
    static ConvergencePlan annotate(ConvergencePlan plan, Map<String, Deployment> current,
            java.util.function.Function<String, Optional<String>> artifactName) {
        Map<String, Deployment> redeploy = toRedeploy(plan, current);
        if (redeploy.isEmpty()) {
            return plan;
        }
        List<PlanAction> actions = new ArrayList<>();
        for (PlanAction a : plan.view().actions()) {
            Deployment d = a.service().map(redeploy::get).orElse(null);
            if (d == null) {
                actions.add(a);
                continue;
            }
            List<String> reasons = new ArrayList<>(a.reasons());
            reasons.add("then deploys its application again: " + artifactName.apply(d.artifact()).orElse("artifact")
                + " (" + d.artifact().substring(0, 12) + ") at " + d.path() + ", deployment " + d.number());
            actions.add(new PlanAction(a.kind(), a.name(), a.service(), a.containerId(), reasons));
        }
        StackPlan v = plan.view();
        return plan.withView(new StackPlan(v.stackId(), v.stackName(), v.version(), actions));
    }
}
