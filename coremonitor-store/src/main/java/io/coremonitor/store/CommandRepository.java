package io.coremonitor.store;

import io.coremonitor.model.Command;
import io.coremonitor.model.CommandNotFoundException;
import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.CommandType;
import io.coremonitor.model.LogLevel;
import io.coremonitor.model.Page;
import java.time.Duration;
import java.util.Optional;

/**
 * The persisted FIFO of WRITE commands. Ids ascend in enqueue order. Every status change is checked against
 * {@link CommandStatus#canMoveTo} (an {@link io.coremonitor.model.IllegalTransitionException} otherwise) and
 * applied as a compare-and-set on the expected current status (a
 * {@link io.coremonitor.model.CommandStatusConflictException} when another writer moved it first).
 */
public interface CommandRepository {

    /**
     * Appends a PENDING command (attempt 1) at the end of the queue.
     *
     * @throws io.coremonitor.model.StackNotFoundException when the stack does not exist
     */
    Command enqueue(NewCommand command);

    /**
     * {@link #enqueue(NewCommand)} with the command's first log line (INFO) and an audit entry (by the command's
     * {@code createdBy}, on its stack and id), in one transaction: all three are stored or none.
     *
     * @throws io.coremonitor.model.StackNotFoundException when the stack does not exist
     */
    Command enqueue(NewCommand command, String logLine, String auditAction, String auditDetail);

    /**
     * Whether the stack has a PENDING or RUNNING command of this type (one indexed lookup, whatever the history).
     */
    boolean hasActive(String stackId, CommandType type);

    /**
     * PENDING to RUNNING with a log line (INFO), in one transaction.
     *
     * @throws io.coremonitor.model.CommandStatusConflictException when the command is no longer PENDING
     * @throws CommandNotFoundException                            when there is no such command
     */
    Command start(long commandId, String logLine);

    /**
     * RUNNING to {@code target} (DONE, FAILED or CANCELLED) with a log line, in one transaction that first renews the
     * queue worker lease for {@code leaseOwner} ({@code leaseTtl} from now): the outcome is recorded only by the lease
     * holder. Empty, with nothing written, when {@code leaseOwner} does not hold the lease.
     *
     * @throws io.coremonitor.model.IllegalTransitionException     when {@code target} is not an end status
     * @throws io.coremonitor.model.CommandStatusConflictException when the command is no longer RUNNING
     * @throws CommandNotFoundException                            when there is no such command
     */
    Optional<Command> finishAsLeaseHolder(long commandId, CommandStatus target, Optional<String> error, LogLevel level,
            String logLine, String leaseOwner, Duration leaseTtl);

    Optional<Command> get(long commandId);

    default Command getOrThrow(long commandId) {
        return get(commandId).orElseThrow(() -> new CommandNotFoundException(commandId));
    }

    /** The oldest PENDING command. */
    default Optional<Command> nextPending() {
        return first(CommandStatus.PENDING);
    }

    /** The oldest command in this status (for example the FAILED one that halts the queue, or the RUNNING one). */
    Optional<Command> first(CommandStatus status);

    /** The oldest command that is not DONE or CANCELLED: the head of the queue by the seed rule. */
    Optional<Command> firstUnfinished();

    long countPending();

    /** The RUNNING command, the PENDING count and the head of the queue, read in one statement (one snapshot). */
    QueueSnapshot snapshot();

    long count(CommandStatus status);

    /**
     * Moves a command from {@code expected} to {@code target}, setting the timestamps of the move: RUNNING sets
     * {@code startedAt}; DONE, FAILED and CANCELLED set {@code endedAt}; FAILED and CANCELLED record
     * {@code error} when given.
     *
     * @throws io.coremonitor.model.IllegalTransitionException     when the state machine forbids the move
     * @throws io.coremonitor.model.CommandStatusConflictException when the command is no longer {@code expected}
     * @throws CommandNotFoundException                            when there is no such command
     */
    Command transition(long commandId, CommandStatus expected, CommandStatus target, Optional<String> error);

    /** PENDING to RUNNING. */
    default Command markRunning(long commandId) {
        return transition(commandId, CommandStatus.PENDING, CommandStatus.RUNNING, Optional.empty());
    }

    /** RUNNING to DONE. */
    default Command markDone(long commandId) {
        return transition(commandId, CommandStatus.RUNNING, CommandStatus.DONE, Optional.empty());
    }

    /** RUNNING to FAILED with the reason. */
    default Command markFailed(long commandId, String error) {
        return transition(commandId, CommandStatus.RUNNING, CommandStatus.FAILED, Optional.of(error));
    }

    /** Cancels a PENDING, RUNNING or FAILED command (read, then compare-and-set on what was read). */
    Command cancel(long commandId, String reason);

    /**
     * FAILED back to PENDING at its place in the queue, attempt + 1, its times and error cleared.
     *
     * @throws io.coremonitor.model.IllegalTransitionException when the command is not FAILED
     */
    Command retry(long commandId);

    /**
     * Crash recovery of a command left RUNNING by a worker whose lease expired, in one transaction: RUNNING to FAILED
     * (with {@code reason}), then, when {@code attempt < maxAttempts}, FAILED back to PENDING with attempt + 1 (both
     * legal moves); a log line says what happened and why. {@code maxAttempts = 1} is the "fail" policy.
     *
     * @return the command as left: PENDING (to be run again) or FAILED
     * @throws io.coremonitor.model.CommandStatusConflictException when the command is not RUNNING
     * @throws CommandNotFoundException                            when there is no such command
     */
    Command recoverInterrupted(long commandId, int maxAttempts, String reason);

    /**
     * Commands oldest first.
     */
    Page<Command> list(CommandFilter filter, PageRequest page);
}
