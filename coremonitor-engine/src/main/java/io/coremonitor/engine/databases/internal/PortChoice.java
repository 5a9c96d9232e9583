package io.coremonitor.engine.databases.internal;

import io.coremonitor.engine.databases.DatabaseConflictException;
import io.coremonitor.model.PortRange;
import java.util.Map;
import java.util.Set;

/**
 * The host port of a new database: the one asked for when it is free, else the lowest free one of the range. A port is
 * taken when another stack publishes it (by the store) or something listens on it on the host.
 */
public final class PortChoice {

    private PortChoice() {
    }

    /**
     * @param published port to the name of the stack that publishes it
     * @param inUse     the ports something listens on on the host
     * @throws DatabaseConflictException when every port of the range is taken
     */
    public static int firstFree(PortRange range, Map<Integer, String> published, Set<Integer> inUse) {
        for (int port = range.start(); port <= range.end(); port++) {
            if (!published.containsKey(port) && !inUse.contains(port)) {
                return port;
            }
        }
        throw new DatabaseConflictException("no free host port in the range " + range + ": every one is published by a"
                + " stack or listened on by a process on the host; widen the range (--database-ports) or give a port");
    }

    /**
     * @throws DatabaseConflictException when {@code port} is published by a stack or listened on
     */
    public static int require(int port, Map<Integer, String> published, Set<Integer> inUse) {
        if (published.containsKey(port)) {
            throw new DatabaseConflictException("host port " + port + " is already published by stack '" + published.get(port)
                    + "': give another port, or none to get a free one");
        }
        if (inUse.contains(port)) {
            throw new DatabaseConflictException("host port " + port + " is used by a process on the host: give another port,"
                    + " or none to get a free one");
        }
        return port;
    }
}
