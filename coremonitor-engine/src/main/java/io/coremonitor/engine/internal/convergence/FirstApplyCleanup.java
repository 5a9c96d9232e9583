package io.coremonitor.engine.internal.convergence;

import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import io.coremonitor.docker.DockerFailures;
import io.coremonitor.docker.DockerOps;
import io.coremonitor.docker.StackLabels;
import io.coremonitor.engine.ExecutionContext;
import java.util.ArrayList;
import java.util.List;

/**
 * After a failed APPLY or ROLLBACK of a stack that had no current version: the stack serves nothing, so every
 * container and network labelled with its id goes (found by label, whoever created them); named volumes stay, since
 * a container may already have written data into them. Every object removed, and every object left with the reason,
 * is written to the command log. A Docker error on one object is logged and the others are still removed.
 */
final class FirstApplyCleanup {

    private FirstApplyCleanup() {
    }

    /**
     * Removes the stack's containers and networks.
     *
     * @return a summary for the command's failure message
     */
    static String run(DockerOps ops, String stackId, String stackName, ExecutionContext ctx) {
        ctx.warn("cleanup: " + stackName + " had no current version before this command, so what it created is removed");
        List<String> removed = new ArrayList<>();
        List<String> left = new ArrayList<>();
        for (Container c : ops.listContainers(StackLabels.STACK_ID, stackId)) {
            String name = Planner.name(c);
            try {
                ops.stopContainer(c.getId(), null);
                ops.removeContainer(c.getId());
                removed.add("container " + name);
                ctx.info("cleanup: removed container " + name);
            } catch (RuntimeException e) {
                left.add("container " + name);
                ctx.error("cleanup: could not remove container " + name + ": " + DockerFailures.describe(e));
            }
        }
        for (Network n : ops.listNetworks(StackLabels.STACK_ID, stackId)) {
            try {
                ops.removeNetwork(n.getId());
                removed.add("network " + n.getName());
                ctx.info("cleanup: removed network " + n.getName());
            } catch (RuntimeException e) {
                left.add("network " + n.getName());
                ctx.error("cleanup: could not remove network " + n.getName() + ": " + DockerFailures.describe(e));
            }
        }
        List<String> volumes = new ArrayList<>();
        for (InspectVolumeResponse v : ops.listVolumes(StackLabels.STACK_ID, stackId)) {
            volumes.add(v.getName());
            ctx.info("cleanup: kept volume " + v.getName() + " (a named volume may already hold data; DELETE the stack with"
                + " remove_volumes to remove it)");
        }
        String summary = "cleanup: removed " + (removed.isEmpty() ? "nothing" : String.join(", ", removed))
            + (left.isEmpty() ? "" : "; could not remove " + String.join(", ", left))
            + (volumes.isEmpty() ? "" : "; kept volume(s) " + String.join(", ", volumes) + " (they may hold data)");
        ctx.info(summary);
        return summary;
    }
}
