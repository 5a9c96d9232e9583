package io.coremonitor.server.internal;

import io.coremonitor.engine.CoreMonitor;
import io.coremonitor.model.ComposeDefinition;
import io.coremonitor.model.Page;
import io.coremonitor.model.PortMapping;
import io.coremonitor.model.PortRange;
import io.coremonitor.model.ServiceSpec;
import io.coremonitor.model.Stack;
import io.coremonitor.store.PageRequest;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The host ports other stacks publish, for the wizard's host port check: every port of the {@code ports:} of the
 * deployed services (not those behind a profile) of each live stack's current version, read from the store (a stack
 * without a current version publishes nothing yet). A published range counts every port in it.
 */
final class PublishedPorts {

    private PublishedPorts() {
    }

    /** Port to the name of a stack that publishes it (the first by name when several do). */
    static Map<Integer, String> of(CoreMonitor engine) {
        return of(engine, Optional.empty());
    }

    /**
     * The same, leaving one stack out: a stack's next version may publish the ports its current version publishes.
     *
     * @param except the id of the stack left out
     */
    static Map<Integer, String> of(CoreMonitor engine, Optional<String> except) {
        Map<Integer, String> ports = new TreeMap<>();
        PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<Stack> stacks = engine.stacks().list(Optional.empty(), false, page);
            for (Stack stack : stacks.items()) {
                if (stack.currentVersion().isPresent() && !except.equals(Optional.of(stack.stackId()))) {
                    add(ports, stack.name(), engine.stacks().definition(stack.stackId(), stack.currentVersion().get()));
                }
            }
            if (stacks.nextCursor().isEmpty()) {
                return ports;
            }
            page = page.next(stacks.nextCursor().get());
        }
    }

    /** The ports one stack's current version publishes (none when it has no current version). */
    static Set<Integer> ofStack(CoreMonitor engine, Stack stack) {
        Map<Integer, String> ports = new TreeMap<>();
        stack.currentVersion().ifPresent(v -> add(ports, stack.name(), engine.stacks().definition(stack.stackId(), v)));
        return ports.keySet();
    }

    private static void add(Map<Integer, String> ports, String stackName, ComposeDefinition definition) {
        for (ServiceSpec service : definition.services().values()) {
            if (!service.lifecycle().profiles().isEmpty()) {
                continue;
            }
            for (PortMapping mapping : service.networking().ports()) {
                if (mapping.published().isPresent()) {
                    PortRange range = mapping.published().get();
                    for (int port = range.start(); port <= range.end(); port++) {
                        ports.putIfAbsent(port, stackName);
                    }
                }
            }
        }
    }
}
