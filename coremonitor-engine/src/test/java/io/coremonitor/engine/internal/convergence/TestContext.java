package io.coremonitor.engine.internal.convergence;

import io.coremonitor.engine.ExecutionContext;
import io.coremonitor.model.LogLevel;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** Collects log lines; cancel on demand. */
final class TestContext implements ExecutionContext {

    final List<String> lines = new CopyOnWriteArrayList<>();
    final AtomicBoolean cancel = new AtomicBoolean();

    @Override
    public void log(LogLevel level, String message) {
        lines.add(level + " " + message);
    }

    @Override
    public boolean cancelRequested() {
        return cancel.get();
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    String text() {
        return String.join("\n", lines);
    }
}
