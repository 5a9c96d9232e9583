package io.coremonitor.engine.internal;

import io.coremonitor.engine.CommandCancelledException;
import io.coremonitor.engine.CommandExecutor;
import io.coremonitor.engine.CommandFailedException;
import io.coremonitor.engine.QueueSettings;
import io.coremonitor.engine.ResourceUnavailableException;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.CommandStatusConflictException;
import io.coremonitor.model.CommandType;
import io.coremonitor.model.LogLevel;
import io.coremonitor.store.CommandRepository;
import io.coremonitor.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one PENDING command: PENDING to RUNNING (compare-and-set), its executor with the lease renewed meanwhile, then
 * its outcome recorded by the lease holder only: DONE, FAILED or CANCELLED; back to PENDING (or FAILED) by the crash
 * policy when an outage cut it; left RUNNING when the worker was stopped in the middle or lost its lease.
 */
final class CommandRunner {

    private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);

    private final Store store;
    private final CommandRepository commands;
    private final Clock clock;
    private final QueueSettings settings;
    private final String owner;
    private final Map<CommandType, CommandExecutor> executors;
    private final Listeners listeners;
    private final CancelRequests cancels;
    private final WorkerLease lease;
    private final CrashRecovery recovery;
    private final CommandJournal journal;
    private final BooleanSupplier stopTimedOut;

    CommandRunner(Store store, Clock clock, QueueSettings settings, String owner,
            Map<CommandType, CommandExecutor> executors, Listeners listeners, CancelRequests cancels, WorkerLease lease,
            CrashRecovery recovery, CommandJournal journal, BooleanSupplier stopTimedOut) {
        this.store = store;
        this.commands = store.commands();
        this.clock = clock;
        this.settings = settings;
        this.owner = owner;
        this.executors = Map.copyOf(executors);
        this.listeners = listeners;
        this.cancels = cancels;
        this.lease = lease;
        this.recovery = recovery;
        this.journal = journal;
        this.stopTimedOut = stopTimedOut;
    }

    /** Why the executor of this command cannot run now, if it cannot (a command without executor can: it fails). */
    Optional<String> unavailableReason(Command command) {
        CommandExecutor executor = executors.get(command.type());
        return executor == null ? Optional.empty() : executor.unavailableReason();
    }

    /** Runs the command to its outcome; does nothing when it changed (cancelled) before it could start. */
    void run(Command pending) {
        Optional<Command> maybeStarted = start(pending);
        if (maybeStarted.isEmpty()) {
            return;
        }
        Command started = maybeStarted.get();
        long id = started.commandId();
        Instant t0 = clock.instant();
        ScheduledFuture<?> renewal = lease.keepWhileRunning();
        Outcome outcome;
        try {
            outcome = execute(started);
        } finally {
            renewal.cancel(false);
        }
        long millis = Duration.between(t0, clock.instant()).toMillis();
        if (stopTimedOut.getAsBoolean()) {
            Thread.interrupted();
            journal.note(id, LogLevel.WARN, "the worker stopped while the command ran (" + outcome.status() + " after "
                    + millis + " ms, interrupted); left RUNNING for the crash policy");
            return;
        }
        if (outcome.outage().isPresent()) {
            // the outcome is recorded only by the lease holder: renew once more to be sure we still are
            lease.renew();
            if (lease.lost()) {
                lostLease(id, outcome.status(), millis);
                return;
            }
            recovery.recoverInterrupted(started, outcome.outage().get().getMessage(), millis);
            return;
        }
        record(started, outcome, millis);
    }

    private Optional<Command> start(Command pending) {
        long id = pending.commandId();
        return listeners.inOrder(() -> {
            try {
                Command s = commands.start(id, "started " + pending.type() + " attempt " + pending.attempt()
                        + " on worker " + owner);
                journal.transitioned(pending, s, Optional.empty());
                return Optional.of(s);
            } catch (CommandStatusConflictException e) {
                LOG.debug("command {} changed before it started: {}", id, e.getMessage());
                return Optional.empty();
            }
        });
    }

    /** How the executor ended: the status to record, the error, and the outage that cut it, if one did. */
    private record Outcome(CommandStatus status, Optional<String> error, Optional<ResourceUnavailableException> outage) {

        static Outcome of(CommandStatus status, String error) {
            return new Outcome(status, Optional.of(error), Optional.empty());
        }
    }

    private Outcome execute(Command started) {
        CommandExecutor executor = executors.get(started.type());
        if (executor == null) {
            return Outcome.of(CommandStatus.FAILED, "no executor for " + started.type());
        }
        try {
            WorkerContext context = new WorkerContext(started.commandId(), store, clock, cancels,
                    () -> lease.lost() || stopTimedOut.getAsBoolean());
            executor.execute(started, context);
            return new Outcome(CommandStatus.DONE, Optional.empty(), Optional.empty());
        } catch (ResourceUnavailableException e) {
            return new Outcome(CommandStatus.PENDING, Optional.of(messageOf(e)), Optional.of(e));
        } catch (CommandCancelledException e) {
            return Outcome.of(CommandStatus.CANCELLED, messageOf(e));
        } catch (CommandFailedException e) {
            return Outcome.of(CommandStatus.FAILED, messageOf(e));
        } catch (RuntimeException | Error e) {
            LOG.warn("command {} executor threw {}", started.commandId(), e.toString(), e);
            return Outcome.of(CommandStatus.FAILED, e.getClass().getSimpleName() + ": " + messageOf(e));
        }
    }

    /** The outcome, its log line and a last lease renewal in one transaction: recorded only by the lease holder. */
    private void record(Command started, Outcome outcome, long millis) {
        long id = started.commandId();
        String line = "ended " + outcome.status() + " in " + millis + " ms" + outcome.error().map(e -> ": " + e).orElse("");
        try {
            Optional<Command> ended = commands.finishAsLeaseHolder(id, outcome.status(), outcome.error(),
                    outcome.status() == CommandStatus.DONE ? LogLevel.INFO : LogLevel.WARN, line, owner,
                    settings.leaseTtl());
            if (ended.isEmpty()) {
                lease.markLost();
                lostLease(id, outcome.status(), millis);
                return;
            }
            lease.renewedWithOutcome();
            journal.transitioned(started, ended.get(), Optional.of(millis));
        } catch (CommandStatusConflictException e) {
            LOG.warn("command {} could not be moved to {}: {}", id, outcome.status(), e.getMessage());
        }
        cancels.forget(id);
    }

    private void lostLease(long id, CommandStatus outcome, long millis) {
        journal.note(id, LogLevel.ERROR, "the worker lost its lease while the command ran (" + outcome + " after "
                + millis + " ms); its outcome is not recorded: the new lease holder resolves it by the crash policy");
        LOG.error("command {}: lease lost while running, outcome {} not recorded", id, outcome);
    }

    private static String messageOf(Throwable e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getName() : e.getMessage();
    }
}
