package io.coremonitor.engine.internal;

import io.coremonitor.model.CommandLogLine;
import io.coremonitor.model.LogLevel;
import io.coremonitor.store.Store;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cooperative cancel requests of RUNNING commands. In this process a request is a flag seen at once; it is also
 * persisted as a WARN log line starting with {@link #MARKER}, which is how a worker in another process (or the worker
 * that recovers a crashed command) learns of it.
 */
public final class CancelRequests {

    /** The start of the log line that records a cancel request. */
    public static final String MARKER = "cancel requested by ";

    private final Set<Long> requested = ConcurrentHashMap.newKeySet();

    public void request(long commandId) {
        requested.add(commandId);
    }

    public boolean requested(long commandId) {
        return requested.contains(commandId);
    }

    public void forget(long commandId) {
        requested.remove(commandId);
    }

    /** Whether a log line records a cancel request. */
    public static boolean isMarker(CommandLogLine line) {
        return line.level() == LogLevel.WARN && line.message().startsWith(MARKER);
    }

    /** Whether the command's log records a cancel request (a full read: for recovery, not for polling). */
    public static boolean persisted(Store store, long commandId) {
        return store.commandLogs().read(commandId).stream().anyMatch(CancelRequests::isMarker);
    }
}
