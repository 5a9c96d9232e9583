package io.coremonitor.engine;

import io.coremonitor.model.LogLevel;
import java.time.Clock;

/** What the worker gives an executor while a command runs: its log, its clock and the cancel flag. */
public interface ExecutionContext {

    /** Appends a line to the command's log (persisted at once, streamed to followers). */
    void log(LogLevel level, String message);

    default void info(String message) {
        log(LogLevel.INFO, message);
    }

    default void warn(String message) {
        log(LogLevel.WARN, message);
    }

    default void error(String message) {
        log(LogLevel.ERROR, message);
    }

    /** True once somebody asked to cancel this RUNNING command. */
    boolean cancelRequested();

    /** Throws {@link CommandCancelledException} when a cancel was requested; call it between steps. */
    default void checkCancelled() {
        if (cancelRequested()) {
            throw new CommandCancelledException("cancelled on request");
        }
    }

    /** The engine's clock. */
    Clock clock();
}
