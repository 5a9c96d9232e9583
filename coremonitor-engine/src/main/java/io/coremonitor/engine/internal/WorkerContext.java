package io.coremonitor.engine.internal;

import io.coremonitor.engine.ExecutionContext;
import io.coremonitor.model.CommandLogLine;
import io.coremonitor.model.LogLevel;
import io.coremonitor.store.Store;
import java.time.Clock;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link ExecutionContext} of one run of one command. */
final class WorkerContext implements ExecutionContext {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerContext.class);
    /** How often the persisted log is read for a cancel request made by another process. */
    private static final long LOG_POLL_NANOS = 200_000_000L;
    private static final int LOG_READ_BATCH = 200;

    private final long commandId;
    private final Store store;
    private final Clock clock;
    private final CancelRequests cancels;
    private final BooleanSupplier abort;
    private long lastLineSeen;
    private long lastPoll = System.nanoTime() - LOG_POLL_NANOS;
    private volatile boolean persistedRequest;

    WorkerContext(long commandId, Store store, Clock clock, CancelRequests cancels, BooleanSupplier abort) {
        this.commandId = commandId;
        this.store = store;
        this.clock = clock;
        this.cancels = cancels;
        this.abort = abort;
    }

    @Override
    public void log(LogLevel level, String message) {
        store.commandLogs().append(commandId, level, message);
        LOG.debug("command {} {}: {}", commandId, level, message);
    }

    @Override
    public boolean cancelRequested() {
        if (cancels.requested(commandId) || persistedRequest || abort.getAsBoolean()) {
            return true;
        }
        pollLog();
        return persistedRequest;
    }

    private synchronized void pollLog() {
        long now = System.nanoTime();
        if (now - lastPoll < LOG_POLL_NANOS) {
            return;
        }
        lastPoll = now;
        List<CommandLogLine> lines;
        do {
            lines = store.commandLogs().readAfter(commandId, lastLineSeen, LOG_READ_BATCH);
            for (CommandLogLine line : lines) {
                lastLineSeen = line.lineNo();
                if (CancelRequests.isMarker(line)) {
                    persistedRequest = true;
                }
            }
        } while (lines.size() == LOG_READ_BATCH);
    }

    @Override
    public Clock clock() {
        return clock;
    }
}
