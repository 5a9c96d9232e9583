package io.coremonitor.engine.internal.convergence;

import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import io.coremonitor.docker.StackLabels;
import io.coremonitor.engine.CommandExecutor;
import io.coremonitor.engine.ExecutionContext;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandType;
import io.coremonitor.model.ComposeDefinition;
import io.coremonitor.model.Stack;
import io.coremonitor.model.StackState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DELETE_STACK: stops and removes the stack's containers (dependents first), its networks, and its volumes when
 * {@code remove_volumes}; marks the stack deleted (history kept). Idempotent: objects are found by label.
 */
final class DeleteExecutor implements CommandExecutor {

    private final Convergence convergence;

    DeleteExecutor(Convergence convergence) {
        this.convergence = convergence;
    }

    @Override
    public CommandType type() {
        return CommandType.DELETE_STACK;
    }

    @Override
    public void execute(Command command, ExecutionContext context) {
        Payloads.Delete payload = Payloads.delete(command.payload());
        Stack stack = convergence.store().stacks().getOrThrow(command.stackId());
        var ops = convergence.ops();
        context.info("deleting stack " + stack.name() + (payload.removeVolumes() ? " with its volumes" : " (volumes kept)"));
        List<Container> containers = ops.listContainers(StackLabels.STACK_ID, stack.stackId());
        Map<String, Container> byService = new LinkedHashMap<>();
        List<Container> others = new ArrayList<>();
        for (Container c : containers) {
            String service = c.getLabels() == null ? null : c.getLabels().get(StackLabels.SERVICE);
            if (service != null && !byService.containsKey(service)) {
                byService.put(service, c);
            } else {
                others.add(c);
            }
        }
        Optional<ComposeDefinition> def = stack.currentVersion().flatMap(v -> convergence.definition(stack.stackId(), v));
        List<String> order = def.map(d -> DependencyOrder.stopOrder(d, byService.keySet().stream()
            .filter(d.services()::containsKey).toList())).orElse(List.of());
        List<Container> ordered = new ArrayList<>();
        order.forEach(s -> ordered.add(byService.remove(s)));
        ordered.addAll(byService.values());
        ordered.addAll(others);
        for (Container c : ordered) {
            context.checkCancelled();
            String service = c.getLabels() == null ? null : c.getLabels().get(StackLabels.SERVICE);
            if (service != null && def.isPresent() && def.get().services().containsKey(service)) {
                Hooks.preStop(ops, context, def.get(), service, c.getId(), c.getState());
            }
            ops.stopContainer(c.getId(), null);
            context.info("stopped " + Planner.name(c));
        }
        for (Container c : ordered) {
            ops.removeContainer(c.getId());
            context.info("removed container " + Planner.name(c));
        }
        for (Network n : ops.listNetworks(StackLabels.STACK_ID, stack.stackId())) {
            ops.removeNetwork(n.getId());
            context.info("removed network " + n.getName());
        }
        if (payload.removeVolumes()) {
            for (InspectVolumeResponse v : ops.listVolumes(StackLabels.STACK_ID, stack.stackId())) {
                ops.removeVolume(v.getName());
                context.info("removed volume " + v.getName());
            }
        }
        stack.currentVersion().ifPresent(v -> convergence.status(stack.stackId(), v, StackState.STOPPED, StackState.STOPPED,
            Optional.of("stack deleted by command " + command.commandId())));
        convergence.store().stacks().markDeleted(stack.stackId());
        context.info("stack " + stack.name() + " deleted; its history is kept");
    }
}
