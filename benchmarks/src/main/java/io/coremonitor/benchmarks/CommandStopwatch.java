package io.coremonitor.benchmarks;

import io.coremonitor.engine.CommandListener;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandStatus;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Times commands as the worker reports their transitions: when one starts RUNNING and when it leaves RUNNING
 * (System.nanoTime of each), so a benchmark measures the executor without polling.
 */
final class CommandStopwatch implements CommandListener {

    /**
     * Nanos (System.nanoTime) of a command's start and end.
     *
     * @param running when it became RUNNING ({@code end} when its start was not seen)
     * @param end     when it left RUNNING
     */
    record Times(long running, long end) {

        /** From RUNNING to its end, in seconds. */
        double seconds() {
            return (end - running) / 1e9;
        }
    }

    private final Map<Long, Long> started = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<Times>> ended = new ConcurrentHashMap<>();

    /** Completes when the command leaves RUNNING. */
    CompletableFuture<Times> watch(long commandId) {
        return ended.computeIfAbsent(commandId, id -> new CompletableFuture<>());
    }

    @Override
    public void onStatusChange(Optional<Command> before, Command after) {
        long now = System.nanoTime();
        if (after.status() == CommandStatus.RUNNING) {
            started.put(after.commandId(), now);
        } else if (before.map(b -> b.status() == CommandStatus.RUNNING).orElse(false)) {
            Long t0 = started.remove(after.commandId());
            watch(after.commandId()).complete(new Times(t0 == null ? now : t0, now));
        }
    }
}
