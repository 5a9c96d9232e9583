package io.coremonitor.engine.internal.convergence;

import com.github.dockerjava.api.model.Container;
import io.coremonitor.docker.StackLabels;
import io.coremonitor.engine.CommandExecutor;
import io.coremonitor.engine.CommandFailedException;
import io.coremonitor.engine.ExecutionContext;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandType;
import io.coremonitor.model.ComposeDefinition;
import io.coremonitor.model.Stack;
import io.coremonitor.model.StackState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * RUNTIME_ACTION: start, stop or restart the containers of the current version, all services or the listed ones.
 * Start follows depends_on order (honouring the conditions among the services started), stop the reverse order;
 * restart is a stop then a start. Nothing is created: a service without a container fails the command.
 */
final class RuntimeActionExecutor implements CommandExecutor {

    private final Convergence convergence;

    RuntimeActionExecutor(Convergence convergence) {
        this.convergence = convergence;
    }

    @Override
    public CommandType type() {
        return CommandType.RUNTIME_ACTION;
    }

    @Override
    public void execute(Command command, ExecutionContext context) {
        Payloads.RuntimeAction payload = Payloads.runtimeAction(command.payload());
        Stack stack = convergence.liveStack(command.stackId());
        String version = stack.currentVersion().orElseThrow(
            () -> new CommandFailedException("stack " + stack.name() + " has no applied version: apply one first"));
        ComposeDefinition def = convergence.definition(stack.stackId(), version).orElseThrow();
        Map<String, Container> containers = new TreeMap<>();
        for (Container c : convergence.ops().listContainers(StackLabels.STACK_ID, stack.stackId())) {
            String service = c.getLabels() == null ? null : c.getLabels().get(StackLabels.SERVICE);
            if (service != null) {
                containers.putIfAbsent(service, c);
            }
        }
        // the services without profiles, and those of profiles the last apply activated (they have a container)
        List<String> deployed = def.services().entrySet().stream().filter(e -> e.getValue().lifecycle().profiles().isEmpty()
            || containers.containsKey(e.getKey())).map(Map.Entry::getKey).sorted().toList();
        List<String> selected = payload.services().isEmpty() ? deployed : payload.services();
        List<String> unknown = selected.stream().filter(s -> !deployed.contains(s)).toList();
        if (!unknown.isEmpty()) {
            throw new CommandFailedException("unknown service(s) in " + version + " of " + stack.name() + ": "
                + String.join(", ", unknown.stream().map(s -> def.services().containsKey(s) ? s + " (disabled by its profiles "
                    + String.join(", ", def.services().get(s).lifecycle().profiles()) + ")" : s).toList()));
        }
        List<String> missing = new ArrayList<>(selected.stream().filter(s -> !containers.containsKey(s)).toList());
        if (!missing.isEmpty()) {
            throw new CommandFailedException("no container for service(s) " + String.join(", ", missing) + ": apply " + version + " first");
        }
        Map<String, String> ids = new TreeMap<>();
        selected.forEach(s -> ids.put(s, containers.get(s).getId()));
        context.info(payload.action() + " " + String.join(", ", selected) + " of " + stack.name());
        Converger converger = convergence.converger(context);
        if (!"start".equals(payload.action())) {
            converger.stopInOrder(def, selected, ids);
        }
        if (!"stop".equals(payload.action())) {
            boolean restart = "restart".equals(payload.action());
            converger.startInOrder(def, selected, ids, s -> restart || !"running".equals(containers.get(s).getState()));
        }
        boolean all = selected.size() == deployed.size();
        StackState actual = "stop".equals(payload.action()) ? (all ? StackState.STOPPED : StackState.DEGRADED) : StackState.RUNNING;
        convergence.status(stack.stackId(), version, "stop".equals(payload.action()) && all ? StackState.STOPPED : StackState.RUNNING,
            actual, Optional.empty());
        context.info(payload.action() + " done");
    }
}
