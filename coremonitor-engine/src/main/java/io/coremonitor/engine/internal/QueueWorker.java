package io.coremonitor.engine.internal;

import io.coremonitor.engine.CommandExecutor;
import io.coremonitor.engine.FailurePolicy;
import io.coremonitor.engine.QueueSettings;
import io.coremonitor.engine.ResourceUnavailableException;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.CommandType;
import io.coremonitor.store.CommandRepository;
import io.coremonitor.store.Lease;
import io.coremonitor.store.Store;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single queue worker. One thread; each round it:
 * <ol>
 *   <li>takes (or keeps) the worker lease in the database ({@link WorkerLease}); without it, it does nothing
 *       (another engine works);</li>
 *   <li>resolves a RUNNING command left by a worker that died (its lease expired, so the lease came to us) by the
 *       crash policy ({@link CrashRecovery});</li>
 *   <li>picks the head of the queue by the failure policy (halt: the oldest command that is not DONE or CANCELLED,
 *       if PENDING; continue: the oldest PENDING one) and runs it ({@link CommandRunner}): PENDING to RUNNING
 *       (compare-and-set), the registered executor, then DONE, FAILED or CANCELLED, the lease renewed on a schedule
 *       meanwhile.</li>
 * </ol>
 * Before it starts a command it asks the executor whether it can run ({@link CommandExecutor#unavailableReason()}):
 * while Docker does not answer, the command stays PENDING at the head of the queue ({@link HeadWait}: one log line
 * says why) and the worker asks again at each poll. A command whose executor throws
 * {@link ResourceUnavailableException} (Docker went away while it ran) goes back to PENDING like a crashed one
 * (on-crash=retry, attempts left), or ends FAILED with the outage as its reason.
 * It sleeps for the poll interval between rounds unless {@link #wakeUp()} is called (on enqueue, retry, cancel).
 */
public final class QueueWorker {

    private static final Logger LOG = LoggerFactory.getLogger(QueueWorker.class);

    private final CommandRepository commands;
    private final QueueSettings settings;
    private final String owner;
    private final WorkerLease lease;
    private final CrashRecovery recovery;
    private final HeadWait wait;
    private final CommandRunner runner;
    private final Semaphore wake = new Semaphore(0);

    private volatile boolean running;
    private volatile boolean stopTimedOut;
    private Thread thread;

    public QueueWorker(Store store, Clock clock, QueueSettings settings, String owner,
            Map<CommandType, CommandExecutor> executors, Listeners listeners, CancelRequests cancels) {
        this.commands = store.commands();
        this.settings = settings;
        this.owner = owner;
        CommandJournal journal = new CommandJournal(store, listeners, owner);
        this.lease = new WorkerLease(store.leases(), clock, settings, owner);
        this.recovery = new CrashRecovery(store, settings, owner, cancels, journal);
        this.wait = new HeadWait(clock, journal);
        this.runner = new CommandRunner(store, clock, settings, owner, executors, listeners, cancels, lease, recovery,
                journal, () -> stopTimedOut);
    }

    /** Starts the worker thread; does nothing when it runs already. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        stopTimedOut = false;
        lease.start();
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
        lease.stopRenewing();
        if (t.isAlive()) {
            LOG.warn("queue worker owner={} did not stop; its lease will lapse after {}", owner, settings.leaseTtl());
            return;
        }
        lease.release();
        LOG.info("queue worker stopped owner={}", owner);
    }

    public boolean isRunning() {
        return running;
    }

    /** Makes the worker look at the queue now rather than at its next poll. */
    public void wakeUp() {
        wake.release();
    }

    /** Why the head of the queue waits now (its executor is unavailable), if it does. */
    public Optional<String> waitingFor() {
        return wait.reason();
    }

    public String owner() {
        return owner;
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
    private boolean round() {
        Optional<Lease> previous = lease.previous();
        if (!lease.ensure()) {
            return false;
        }
        Optional<Command> orphan = commands.first(CommandStatus.RUNNING);
        if (orphan.isPresent()) {
            recovery.recoverOrphan(orphan.get(), previous);
            return true;
        }
        if (!running) {
            return false;
        }
        Optional<Command> next = pickNext();
        if (next.isEmpty()) {
            wait.stop(Optional.empty());
            return false;
        }
        Optional<String> unavailable = runner.unavailableReason(next.get());
        if (unavailable.isPresent()) {
            wait.waitFor(next.get(), unavailable.get());
            return false;
        }
        wait.stop(next);
        runner.run(next.get());
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
}
