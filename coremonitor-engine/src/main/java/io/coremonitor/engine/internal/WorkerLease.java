package io.coremonitor.engine.internal;

import io.coremonitor.engine.QueueSettings;
import io.coremonitor.store.Lease;
import io.coremonitor.store.LeaseRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker lease of one queue worker: taken (or renewed) at the start of each round, renewed on a schedule while a
 * command runs, released when the worker stops. Only the lease holder works the queue and records outcomes.
 */
final class WorkerLease {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerLease.class);

    private final LeaseRepository leases;
    private final Clock clock;
    private final QueueSettings settings;
    private final String owner;

    private volatile boolean holding;
    private volatile boolean lost;
    private volatile Instant lastRenewal = Instant.MIN;
    private ScheduledExecutorService renewer;

    WorkerLease(LeaseRepository leases, Clock clock, QueueSettings settings, String owner) {
        this.leases = leases;
        this.clock = clock;
        this.settings = settings;
        this.owner = owner;
    }

    /** Starts the thread that renews the lease while a command runs. */
    void start() {
        renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "coremonitor-lease-" + owner);
            t.setDaemon(true);
            return t;
        });
    }

    /** The lease as another worker may have left it, read before this worker takes it; empty while it holds it. */
    Optional<Lease> previous() {
        return holding ? Optional.empty() : leases.current();
    }

    /** Takes the lease, or renews it when a renewal is due; true when this worker holds it. */
    boolean ensure() {
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

    /** Renews the lease every renewal interval until the returned handle is cancelled (while a command runs). */
    ScheduledFuture<?> keepWhileRunning() {
        lost = false;
        long renewMillis = settings.leaseRenewal().toMillis();
        return renewer.scheduleAtFixedRate(this::renew, renewMillis, renewMillis, TimeUnit.MILLISECONDS);
    }

    /** Renews the lease now; when it was taken over, the lease is {@link #lost()}. */
    void renew() {
        try {
            if (leases.renew(owner, settings.leaseTtl()).isEmpty()) {
                markLost();
                LOG.error("worker_lease lost owner={} while a command runs", owner);
            } else {
                lastRenewal = clock.instant();
            }
        } catch (RuntimeException e) {
            LOG.warn("worker_lease renewal failed owner={}: {}", owner, e.toString());
        }
    }

    /** True when the lease was found taken over since the running command started. */
    boolean lost() {
        return lost;
    }

    /** The lease was found taken over (a renewal, or an outcome the store refused to record for a non-holder). */
    void markLost() {
        lost = true;
        holding = false;
    }

    /** The store renewed the lease with the command's outcome (in the same transaction). */
    void renewedWithOutcome() {
        lastRenewal = clock.instant();
    }

    /** Stops renewing (the worker is stopping). */
    void stopRenewing() {
        renewer.shutdownNow();
    }

    /** Gives the lease up, when held, so that another worker may take the queue at once. */
    void release() {
        if (!holding) {
            return;
        }
        try {
            leases.release(owner);
        } catch (RuntimeException e) {
            LOG.warn("queue worker owner={}: could not release the lease: {}", owner, e.toString());
        }
        holding = false;
    }
}
