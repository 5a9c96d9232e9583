package io.coremonitor.engine.internal;

import io.coremonitor.engine.CrashPolicy;
import io.coremonitor.engine.QueueSettings;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.CommandStatusConflictException;
import io.coremonitor.model.LogLevel;
import io.coremonitor.store.CommandRepository;
import io.coremonitor.store.Lease;
import io.coremonitor.store.Store;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves a RUNNING command that did not end by itself, by the crash policy: one left by a worker that died (found
 * when this worker takes the lease), or one cut by an outage of what it needs. It ends CANCELLED when a cancel of it
 * was requested; else it goes back to PENDING (attempt + 1) while on-crash=retry and attempts are left, or ends FAILED.
 */
final class CrashRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(CrashRecovery.class);

    private final Store store;
    private final CommandRepository commands;
    private final QueueSettings settings;
    private final String owner;
    private final CancelRequests cancels;
    private final CommandJournal journal;

    CrashRecovery(Store store, QueueSettings settings, String owner, CancelRequests cancels, CommandJournal journal) {
        this.store = store;
        this.commands = store.commands();
        this.settings = settings;
        this.owner = owner;
        this.cancels = cancels;
        this.journal = journal;
    }

    /**
     * A command found RUNNING while no worker runs it: its worker stopped ({@code previous} is the lease as it was
     * before this worker took it, naming the dead worker when it was another one).
     */
    void recoverOrphan(Command orphan, Optional<Lease> previous) {
        long id = orphan.commandId();
        String who = previous.filter(l -> !l.owner().equals(owner))
                .map(l -> "worker " + l.owner() + " (its lease expired at " + l.expiresAt() + ")")
                .orElse("its worker");
        String reason = "interrupted: " + who + " stopped while it was RUNNING (attempt " + orphan.attempt() + ")";
        if (cancelledInstead(orphan, reason, Optional.empty())) {
            return;
        }
        if (settings.onCrash() == CrashPolicy.FAIL) {
            journal.note(id, LogLevel.ERROR, reason + "; on-crash=fail: FAILED");
            end(orphan, CommandStatus.FAILED, Optional.of(reason + " (on-crash=fail)"), Optional.empty());
            return;
        }
        if (orphan.attempt() >= settings.maxAttempts()) {
            journal.note(id, LogLevel.ERROR, reason + "; on-crash=retry but attempt " + orphan.attempt()
                    + " was the last of " + settings.maxAttempts() + ": FAILED");
            end(orphan, CommandStatus.FAILED, Optional.of(reason + " (no attempt left of " + settings.maxAttempts()
                    + ")"), Optional.empty());
            return;
        }
        putBack(orphan, settings.maxAttempts(), who + " stopped while it was RUNNING (attempt " + orphan.attempt()
                + "); on-crash=retry", Optional.empty());
    }

    /**
     * A command stopped by an outage of what it needs: back to PENDING by the crash policy (in one store transaction,
     * with a log line), or FAILED with the outage as its reason when on-crash=fail or no attempt is left.
     */
    void recoverInterrupted(Command started, String reason, long millis) {
        if (cancelledInstead(started, "interrupted: " + reason, Optional.of(millis))) {
            return;
        }
        putBack(started, settings.onCrash() == CrashPolicy.FAIL ? 1 : settings.maxAttempts(), reason,
                Optional.of(millis));
    }

    /** Ends an interrupted RUNNING command CANCELLED, true, when a cancel of it had been requested; false otherwise. */
    private boolean cancelledInstead(Command running, String reason, Optional<Long> millis) {
        long id = running.commandId();
        if (!cancels.requested(id) && !CancelRequests.persisted(store, id)) {
            return false;
        }
        journal.note(id, LogLevel.WARN, reason + "; a cancel had been requested: CANCELLED");
        end(running, CommandStatus.CANCELLED, Optional.of(reason + "; cancel requested"), millis);
        cancels.forget(id);
        return true;
    }

    /**
     * An interrupted RUNNING command back to PENDING (attempt + 1) while {@code attempt < attempts}, else FAILED with
     * {@code reason}: one store transaction with its log line, so listeners hear RUNNING to PENDING, no FAILED between.
     */
    private void putBack(Command running, int attempts, String reason, Optional<Long> millis) {
        long id = running.commandId();
        try {
            Command after = commands.recoverInterrupted(id, attempts, reason);
            journal.transitioned(running, after, millis);
            if (after.status() == CommandStatus.FAILED) {
                cancels.forget(id);
            }
        } catch (CommandStatusConflictException e) {
            LOG.warn("command {} could not be put back after an interruption: {}", id, e.getMessage());
        }
    }

    /** RUNNING to {@code target} (FAILED or CANCELLED) with {@code error}. */
    private void end(Command before, CommandStatus target, Optional<String> error, Optional<Long> millis) {
        try {
            Command after = commands.transition(before.commandId(), CommandStatus.RUNNING, target, error);
            journal.transitioned(before, after, millis);
        } catch (CommandStatusConflictException e) {
            LOG.warn("command {} could not be moved to {}: {}", before.commandId(), target, e.getMessage());
        }
    }
}
