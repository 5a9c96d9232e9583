package io.coremonitor.engine;

import io.coremonitor.model.Command;
import io.coremonitor.model.CommandType;

/**
 * Executes one type of command for the queue worker. The worker moves the command to RUNNING before calling
 * {@link #execute} and to DONE when it returns normally, to FAILED when it throws (the exception's message is the
 * command's error), and to CANCELLED when it throws {@link CommandCancelledException}.
 *
 * <p>Executors must be idempotent (convergence): after a crash the same command may run again.
 */
public interface CommandExecutor {

    /** The command type this executor handles. */
    CommandType type();

    /**
     * Runs the command. Long executions call {@link ExecutionContext#checkCancelled()} between steps.
     *
     * @throws CommandFailedException  (or any runtime exception) to fail the command with a reason
     * @throws CommandCancelledException when a cancel was requested and honoured
     */
    void execute(Command command, ExecutionContext context);
}
