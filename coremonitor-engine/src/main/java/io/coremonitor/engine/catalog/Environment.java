package io.coremonitor.engine.catalog;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the rules engine needs to know beyond the choices, filled by the caller (the engine itself never asks Docker or
 * the store): the host ports already taken, and how to generate values.
 *
 * @param publishedPorts host ports published by other stacks: port to the stack's name
 * @param hostPortsInUse host ports in use on the host by anything else
 * @param generator      makes generated parameter values
 */
public record Environment(Map<Integer, String> publishedPorts, Set<Integer> hostPortsInUse, ValueGenerator generator) {

    public Environment {
        publishedPorts = Map.copyOf(publishedPorts);
        hostPortsInUse = Set.copyOf(hostPortsInUse);
        Objects.requireNonNull(generator, "generator");
    }

    /** No port taken. */
    public static Environment of(ValueGenerator generator) {
        return new Environment(Map.of(), Set.of(), generator);
    }

    /** This environment with {@code port} published by the stack {@code stack}. */
    public Environment withPublished(int port, String stack) {
        Map<Integer, String> ports = new TreeMap<>(publishedPorts);
        ports.put(port, stack);
        return new Environment(ports, hostPortsInUse, generator);
    }

    /** This environment with {@code port} in use on the host. */
    public Environment withInUse(int port) {
        Set<Integer> ports = new TreeSet<>(hostPortsInUse);
        ports.add(port);
        return new Environment(publishedPorts, ports, generator);
    }

    /** Who holds {@code port}: {@code stack 'shop'} or {@code the host}. */
    public Optional<String> holderOf(int port) {
        if (publishedPorts.containsKey(port)) {
            return Optional.of("stack '" + publishedPorts.get(port) + "'");
        }
        return hostPortsInUse.contains(port) ? Optional.of("a process on the host") : Optional.empty();
    }
}
