package io.coremonitor.examples;

import io.coremonitor.engine.CoreMonitor;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandStatus;
import java.time.Duration;

/** Waits for an enqueued command to end (DONE, CANCELLED or FAILED), reading it from the engine. */
final class CommandEnd {

    private CommandEnd() {
    }

    /**
     * The command as it ended.
     *
     * @throws IllegalStateException when it has not ended within {@code timeout}
     */
    static Command await(CoreMonitor cm, Command command, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Command now = cm.commands().get(command.commandId());
            if (now.status().isFinal() || now.status() == CommandStatus.FAILED) {
                return now;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("command " + command.commandId() + " did not end within " + timeout);
    }
}
