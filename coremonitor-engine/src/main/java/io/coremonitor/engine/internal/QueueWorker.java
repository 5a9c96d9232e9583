package io.coremonitor.engine.internal;

import io.coremonitor.engine.CommandCancelledException;
import io.coremonitor.engine.CommandExecutor;
import io.coremonitor.engine.CommandFailedException;
import io.coremonitor.engine.CrashPolicy;
import io.coremonitor.engine.FailurePolicy;
import io.coremonitor.engine.QueueSettings;
import io.coremonitor.engine.ResourceUnavailableException;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.CommandStatusConflictException;
import io.coremonitor.model.CommandType;
import io.coremonitor.model.LogLevel;
import io.coremonitor.store.CommandRepository;
import io.coremonitor.store.Lease;
import io.coremonitor.store.LeaseRepository;
import io.coremonitor.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single queue worker. One thread; each round it:
 * <ol>
 *   <li>takes (or keeps) the worker lease in the database; without it, it does nothing (another engine works);</li>
 *   <li>resolves a RUNNING command left by a worker that died (its lease expired, so the lease came to us) by the
 *       crash policy;</li>
 *   <li>picks the head of the queue by the failure policy (halt: the oldest command that is not DONE or CANCELLED,
 *       if PENDING; continue: the oldest PENDING one) and runs it: PENDING to RUNNING (compare-and-set), the
 *       registered executor, then DONE, FAILED or CANCELLED, the lease renewed on a schedule meanwhile.</li>
 * </ol>
 * Before it starts a command it asks the executor whether it can run ({@link CommandExecutor#unavailableReason()}):
 * while Docker does not answer, the command stays PENDING at the head of the queue (one log line says why) and the
 * worker asks again at each poll. A command whose executor throws {@link ResourceUnavailableException} (Docker went
 * away while it ran) goes back to PENDING like a crashed one (on-crash=retry, attempts left), or ends FAILED with the
 * outage as its reason.
 * It sleeps for the poll interval between rounds unless {@link #wakeUp()} is called (on enqueue, retry, cancel).
 */
public final class QueueWorker {

    private static final Logger LOG = LoggerFactory.getLogger(QueueWorker.class);

    private final Store store;
    private final CommandRepository commands;
    private final LeaseRepository leases;
    private final Clock clock;
    private final QueueSettings settings;
    private final String owner;
    private final Map<CommandType, CommandExecutor> executors;
    private final Listeners listeners;
    private final CancelRequests cancels;
    private final Semaphore wake = new Semaphore(0);

    private volatile boolean running;
    private volatile boolean stopTimedOut;
    private volatile boolean leaseLost;
    private volatile boolean holding;
    private volatile Instant lastRenewal = Instant.MIN;
    /** Why the head of the queue waits (its executor is unavailable), if it does. */
    private volatile Optional<String> waitingFor = Optional.empty();
    private long waitingCommand = -1;
    private Instant waitingSince = Instant.MIN;
    private Thread thread;
    private ScheduledExecutorService renewer;

    public QueueWorker(Store store, Clock clock, QueueSettings settings, String owner,
            Map<CommandType, CommandExecutor> executors, Listeners listeners, CancelRequests cancels) {
        this.store = store;
        this.commands = store.commands();
        this.leases = store.leases();
        this.clock = clock;
        this.settings = settings;
        this.owner = owner;
        this.executors = Map.copyOf(executors);
        this.listeners = listeners;
        this.cancels = cancels;
    }

    /** Starts the worker thread; does nothing when it runs already. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        stopTimedOut = false;
        renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "coremonitor-lease-" + owner);
            t.setDaemon(true);
            return t;
        });
        thread = new Thread(this::loop, "coremonitor-worker-" + owner);
        thread.setDaemon(true);
        thread.start();
        LOG.info("queue worker started owner={} on_failure={} on_crash={} max_attempts={} lease_ttl_ms={}", owner,
                settings.onFailure(), settings.onCrash(), settings.maxAttempts(), settings.leaseTtl().toMillis());
    }

    /**
     * Stops the worker: lets a running command finish (up to the stop timeout), then interrupts it (it stays
     * RUNNING for the crash policy), and releases the lease.
     */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        wakeUp();
        Thread t = thread;
        try {
            t.join(Math.max(1, settings.stopTimeout().toMillis()));
            if (t.isAlive()) {
                LOG.warn("queue worker owner={}: a command is still running after {}; interrupting it", owner,
                        settings.stopTimeout());
                stopTimedOut = true;
                t.interrupt();
                t.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        renewer.shutdownNow();
        if (t.isAlive()) {
            LOG.warn("queue worker owner={} did not stop; its lease will lapse after {}", owner, settings.leaseTtl());
            return;
        }
        if (holding) {
            try {
                leases.release(owner);
            } catch (RuntimeException e) {
                LOG.warn("queue worker owner={}: could not release the lease: {}", owner, e.toString());
            }
            holding = false;
        }
        LOG.info("queue worker stopped owner={}", owner);
    }

    public boolean isRunning() {
        return running;
    }

    /** Makes the worker look at the queue now rather than at its next poll. */
    public void wakeUp() {
        wake.release();
    }

    private void loop() {
        while (running) {
            boolean busy = false;
            try {
                busy = round();
            } catch (RuntimeException e) {
                LOG.error("queue worker owner={}: round failed, retrying after {}: {}", owner, settings.pollInterval(),
                        e.toString(), e);
            }
            if (!busy && running) {
                try {
                    wake.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                } catch (InterruptedException e) {
                    if (!running) {
                        return;
                    }
                }
            }
        }
    }

    /** One round; true when it did something (so the next round comes at once). */
    boolean round() {
        Optional<Lease> previous = holding ? Optional.empty() : leases.current();
        if (!ensureLease()) {
            return false;
        }
        Optional<Command> orphan = commands.first(CommandStatus.RUNNING);
        if (orphan.isPresent()) {
            recover(orphan.get(), previous);
            return true;
        }
        if (!running) {
            return false;
        }
        Optional<Command> next = pickNext();
        if (next.isEmpty()) {
            stopWaiting(Optional.empty());
            return false;
        }
        CommandExecutor executor = executors.get(next.get().type());
        Optional<String> unavailable = executor == null ? Optional.empty() : executor.unavailableReason();
        if (unavailable.isPresent()) {
            waitFor(next.get(), unavailable.get());
            return false;
        }
        stopWaiting(next);
        run(next.get());
        return true;
    }

    /** Why the head of the queue waits now (its executor is unavailable), if it does. */
    public Optional<String> waitingFor() {
        return waitingFor;
    }

    private void waitFor(Command head, String reason) {
        boolean news = waitingFor.isEmpty() || waitingCommand != head.commandId();
        waitingFor = Optional.of(reason);
        if (!news) {
            return;
        }
        waitingCommand = head.commandId();
        waitingSince = clock.instant();
        LOG.warn("queue waits: command {} ({}) cannot start: {}", head.commandId(), head.type(), reason);
        appendLog(head.commandId(), LogLevel.WARN, "waiting to start: " + reason + "; it starts when this is over");
    }

    private void stopWaiting(Optional<Command> head) {
        if (waitingFor.isEmpty()) {
            return;
        }
        long waited = Duration.between(waitingSince, clock.instant()).toMillis();
        LOG.info("queue resumes after waiting {} ms (was: {})", waited, waitingFor.get());
        if (head.isPresent() && head.get().commandId() == waitingCommand) {
            appendLog(waitingCommand, LogLevel.INFO, "no longer waiting after " + waited + " ms: starting");
        }
        waitingFor = Optional.empty();
        waitingCommand = -1;
    }

    private boolean ensureLease() {
        Instant now = clock.instant();
        if (holding && now.isBefore(lastRenewal.plus(settings.leaseRenewal()))) {
            return true;
        }
        Optional<Lease> lease = leases.tryAcquire(owner, settings.leaseTtl());
        if (lease.isEmpty()) {
            if (holding) {
                LOG.warn("worker_lease lost owner={}", owner);
            }
            holding = false;
            return false;
        }
        if (!holding) {
            LOG.info("worker_lease acquired owner={} expires_at={}", owner, lease.get().expiresAt());
        }
        holding = true;
        lastRenewal = now;
        return true;
    }

    private Optional<Command> pickNext() {
        Optional<Command> head = commands.firstUnfinished();
        if (head.isEmpty()) {
            return Optional.empty();
        }
        return switch (head.get().status()) {
            case PENDING -> head;
            case FAILED -> settings.onFailure() == FailurePolicy.HALT ? Optional.empty() : commands.nextPending();
            default -> Optional.empty();
        };
    }

    private void recover(Command orphan, Optional<Lease> previous) {
        long id = orphan.commandId();
        String who = previous.filter(l -> !l.owner().equals(owner))
                .map(l -> "worker " + l.owner() + " (its lease expired at " + l.expiresAt() + ")")
                .orElse("its worker");
        String reason = "interrupted: " + who + " stopped while it was RUNNING (attempt " + orphan.attempt() + ")";
        if (cancelledInstead(orphan, reason, Optional.empty())) {
            return;
        }
        if (settings.onCrash() == CrashPolicy.FAIL) {
            appendLog(id, LogLevel.ERROR, reason + "; on-crash=fail: FAILED");
            finish(orphan, CommandStatus.FAILED, Optional.of(reason + " (on-crash=fail)"), Optional.empty());
            return;
        }
        if (orphan.attempt() >= settings.maxAttempts()) {
            appendLog(id, LogLevel.ERROR, reason + "; on-crash=retry but attempt " + orphan.attempt() + " was the last of "
                    + settings.maxAttempts() + ": FAILED");
            finish(orphan, CommandStatus.FAILED, Optional.of(reason + " (no attempt left of " + settings.maxAttempts()
                    + ")"), Optional.empty());
            return;
        }
        putBack(orphan, settings.maxAttempts(), who + " stopped while it was RUNNING (attempt " + orphan.attempt()
                + "); on-crash=retry", Optional.empty());
    }

    private void run(Command pending) {
        long id = pending.commandId();
        Optional<Command> maybeStarted = listeners.inOrder(() -> {
            try {
                Command s = commands.start(id, "started " + pending.type() + " attempt " + pending.attempt()
                        + " on worker " + owner);
                Transitions.log(Optional.of(pending), s, Optional.empty(), owner);
                listeners.onStatusChange(Optional.of(pending), s);
                return Optional.of(s);
            } catch (CommandStatusConflictException e) {
                LOG.debug("command {} changed before it started: {}", id, e.getMessage());
                return Optional.empty();
            }
        });
        if (maybeStarted.isEmpty()) {
            return;
        }
        Command started = maybeStarted.get();
        Instant t0 = clock.instant();
        leaseLost = false;
        long renewMillis = settings.leaseRenewal().toMillis();
        ScheduledFuture<?> renewal = renewer.scheduleAtFixedRate(this::renewWhileRunning, renewMillis, renewMillis,
                TimeUnit.MILLISECONDS);
        CommandStatus outcome;
        Optional<String> error = Optional.empty();
        Optional<ResourceUnavailableException> outage = Optional.empty();
        try {
            CommandExecutor executor = executors.get(started.type());
            if (executor == null) {
                outcome = CommandStatus.FAILED;
                error = Optional.of("no executor for " + started.type());
            } else {
                WorkerContext context = new WorkerContext(id, store, clock, cancels, () -> leaseLost || stopTimedOut);
                executor.execute(started, context);
                outcome = CommandStatus.DONE;
            }
        } catch (ResourceUnavailableException e) {
            outcome = CommandStatus.PENDING;
            outage = Optional.of(e);
            error = Optional.of(messageOf(e));
        } catch (CommandCancelledException e) {
            outcome = CommandStatus.CANCELLED;
            error = Optional.of(messageOf(e));
        } catch (CommandFailedException e) {
            outcome = CommandStatus.FAILED;
            error = Optional.of(messageOf(e));
        } catch (RuntimeException | Error e) {
            outcome = CommandStatus.FAILED;
            error = Optional.of(e.getClass().getSimpleName() + ": " + messageOf(e));
            LOG.warn("command {} executor threw {}", id, e.toString(), e);
        } finally {
            renewal.cancel(false);
        }
        long millis = Duration.between(t0, clock.instant()).toMillis();
        if (stopTimedOut) {
            Thread.interrupted();
            appendLog(id, LogLevel.WARN, "the worker stopped while the command ran (" + outcome + " after " + millis
                    + " ms, interrupted); left RUNNING for the crash policy");
            return;
        }
        if (outage.isPresent()) {
            // the outcome is recorded only by the lease holder: renew once more to be sure we still are
            renewWhileRunning();
            if (leaseLost) {
                lostLease(id, outcome, millis);
                return;
            }
            interrupted(started, outage.get().getMessage(), millis);
            return;
        }
        // the outcome, its log line and a last lease renewal in one transaction: recorded only by the lease holder
        String line = "ended " + outcome + " in " + millis + " ms" + error.map(e -> ": " + e).orElse("");
        try {
            Optional<Command> ended = commands.finishAsLeaseHolder(id, outcome, error,
                    outcome == CommandStatus.DONE ? LogLevel.INFO : LogLevel.WARN, line, owner, settings.leaseTtl());
            if (ended.isEmpty()) {
                leaseLost = true;
                holding = false;
                lostLease(id, outcome, millis);
                return;
            }
            lastRenewal = clock.instant();
            Transitions.log(Optional.of(started), ended.get(), Optional.of(millis), owner);
            listeners.onStatusChange(Optional.of(started), ended.get());
        } catch (CommandStatusConflictException e) {
            LOG.warn("command {} could not be moved to {}: {}", id, outcome, e.getMessage());
        }
        cancels.forget(id);
    }

    private void lostLease(long id, CommandStatus outcome, long millis) {
        appendLog(id, LogLevel.ERROR, "the worker lost its lease while the command ran (" + outcome + " after " + millis
                + " ms); its outcome is not recorded: the new lease holder resolves it by the crash policy");
        LOG.error("command {}: lease lost while running, outcome {} not recorded", id, outcome);
    }

    /**
     * A command stopped by an outage of what it needs: back to PENDING by the crash policy (in one store transaction,
     * with a log line), or FAILED with the outage as its reason when on-crash=fail or no attempt is left.
     */
    private void interrupted(Command started, String reason, long millis) {
        if (cancelledInstead(started, "interrupted: " + reason, Optional.of(millis))) {
            return;
        }
        putBack(started, settings.onCrash() == CrashPolicy.FAIL ? 1 : settings.maxAttempts(), reason, Optional.of(millis));
    }

    /** Ends an interrupted RUNNING command CANCELLED, true, when a cancel of it had been requested; false otherwise. */
    private boolean cancelledInstead(Command running, String reason, Optional<Long> millis) {
        long id = running.commandId();
        if (!cancels.requested(id) && !CancelRequests.persisted(store, id)) {
            return false;
        }
        appendLog(id, LogLevel.WARN, reason + "; a cancel had been requested: CANCELLED");
        finish(running, CommandStatus.CANCELLED, Optional.of(reason + "; cancel requested"), millis);
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
            Transitions.log(Optional.of(running), after, millis, owner);
            listeners.onStatusChange(Optional.of(running), after);
            if (after.status() == CommandStatus.FAILED) {
                cancels.forget(id);
            }
        } catch (CommandStatusConflictException e) {
            LOG.warn("command {} could not be put back after an interruption: {}", id, e.getMessage());
        }
    }

    private void renewWhileRunning() {
        try {
            if (leases.renew(owner, settings.leaseTtl()).isEmpty()) {
                leaseLost = true;
                holding = false;
                LOG.error("worker_lease lost owner={} while a command runs", owner);
            } else {
                lastRenewal = clock.instant();
            }
        } catch (RuntimeException e) {
            LOG.warn("worker_lease renewal failed owner={}: {}", owner, e.toString());
        }
    }

    private Optional<Command> finish(Command before, CommandStatus target, Optional<String> error,
            Optional<Long> millis) {
        try {
            Command after = commands.transition(before.commandId(), CommandStatus.RUNNING, target, error);
            Transitions.log(Optional.of(before), after, millis, owner);
            listeners.onStatusChange(Optional.of(before), after);
            return Optional.of(after);
        } catch (CommandStatusConflictException e) {
            LOG.warn("command {} could not be moved to {}: {}", before.commandId(), target, e.getMessage());
            return Optional.empty();
        }
    }

    private void appendLog(long commandId, LogLevel level, String message) {
        try {
            store.commandLogs().append(commandId, level, message);
        } catch (RuntimeException e) {
            LOG.warn("command {}: could not append a log line ({}): {}", commandId, message, e.toString());
        }
    }

    private static String messageOf(Throwable e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getName() : e.getMessage();
    }

    public String owner() {
        return owner;
    }
}
