package io.coremonitor.engine;

import io.coremonitor.model.Command;
import io.coremonitor.model.CommandType;
import java.util.Optional;

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
     * @throws ResourceUnavailableException when what it needs (Docker) stopped answering: the command goes back to
     *                                      the queue by the crash policy
     */
    void execute(Command command, ExecutionContext context);

    /**
     * Why this executor cannot run a command now (for instance "Docker is unreachable at unix:///var/run/docker.sock:
     * ..."), or empty when it can. The worker asks before it starts a command of this type: while a reason is given,
     * the command stays PENDING at the head of the queue and the worker asks again at each poll. Must be quick and
     * must not throw. The default is always available.
     */
    default Optional<String> unavailableReason() {
        return Optional.empty();
    }
}
