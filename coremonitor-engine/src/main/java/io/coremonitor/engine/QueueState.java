package io.coremonitor.engine;

import io.coremonitor.model.Command;
import java.util.Objects;
import java.util.Optional;

/**
 * The queue at a glance (what {@code GET /queue} shows).
 *
 * @param running       the RUNNING command, if any
 * @param pending       how many commands are PENDING
 * @param haltedBy      with {@link FailurePolicy#HALT}: the FAILED command that stops the queue
 * @param haltReason    why it failed
 * @param onFailure     the failure policy
 * @param onCrash       the crash policy
 * @param maxAttempts   attempts of an interrupted command with {@link CrashPolicy#RETRY}
 * @param workerRunning whether this engine's worker is started
 * @param leaseOwner    who holds the worker lease now (this engine or another one), if anyone
 * @param waitingFor    why this engine's worker does not start the head of the queue now (for instance "Docker is
 *                      unreachable at ..."), if it waits; another engine holding the lease is not seen here
 */
public record QueueState(Optional<Command> running, long pending, Optional<Long> haltedBy, Optional<String> haltReason,
        FailurePolicy onFailure, CrashPolicy onCrash, int maxAttempts, boolean workerRunning,
        Optional<String> leaseOwner, Optional<String> waitingFor) {

    public QueueState {
        Objects.requireNonNull(running, "running");
        Objects.requireNonNull(haltedBy, "haltedBy");
        Objects.requireNonNull(haltReason, "haltReason");
        Objects.requireNonNull(onFailure, "onFailure");
        Objects.requireNonNull(onCrash, "onCrash");
        Objects.requireNonNull(leaseOwner, "leaseOwner");
        Objects.requireNonNull(waitingFor, "waitingFor");
    }

    public boolean halted() {
        return haltedBy.isPresent();
    }
}
