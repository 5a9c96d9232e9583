package io.coremonitor.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * How the queue worker behaves.
 *
 * @param onFailure     what a FAILED command does to the queue
 * @param onCrash       what happens to a command interrupted by a crash
 * @param maxAttempts   with {@link CrashPolicy#RETRY}: how many attempts an interrupted command gets in all
 * @param pollInterval  how often the worker looks at the queue when nothing wakes it up
 * @param leaseTtl      how long the worker lease lives unless renewed: a crashed worker's command is recovered
 *                      this long after its last renewal
 * @param leaseRenewal  how often the lease is renewed while a command runs (less than {@code leaseTtl})
 * @param stopTimeout   how long {@code stopWorker()} waits for a running command to finish before interrupting it
 *                      (the command then stays RUNNING and is recovered by the crash policy)
 */
public record QueueSettings(FailurePolicy onFailure, CrashPolicy onCrash, int maxAttempts, Duration pollInterval,
        Duration leaseTtl, Duration leaseRenewal, Duration stopTimeout) {

    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(200);
    public static final Duration DEFAULT_LEASE_TTL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);

    public QueueSettings {
        Objects.requireNonNull(onFailure, "onFailure");
        Objects.requireNonNull(onCrash, "onCrash");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(leaseTtl, "leaseTtl");
        Objects.requireNonNull(leaseRenewal, "leaseRenewal");
        Objects.requireNonNull(stopTimeout, "stopTimeout");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        positive(pollInterval, "pollInterval");
        positive(leaseTtl, "leaseTtl");
        positive(leaseRenewal, "leaseRenewal");
        if (leaseRenewal.compareTo(leaseTtl) >= 0) {
            throw new IllegalArgumentException("leaseRenewal (" + leaseRenewal + ") must be shorter than leaseTtl ("
                    + leaseTtl + ")");
        }
        if (stopTimeout.isNegative()) {
            throw new IllegalArgumentException("stopTimeout must not be negative");
        }
    }

    /** Halt on failure, retry on crash (3 attempts), poll every 200 ms, 30 s lease renewed every 10 s. */
    public static QueueSettings defaults() {
        return new QueueSettings(FailurePolicy.HALT, CrashPolicy.RETRY, DEFAULT_MAX_ATTEMPTS, DEFAULT_POLL_INTERVAL,
                DEFAULT_LEASE_TTL, DEFAULT_LEASE_TTL.dividedBy(3), DEFAULT_STOP_TIMEOUT);
    }

    public QueueSettings withOnFailure(FailurePolicy policy) {
        return new QueueSettings(policy, onCrash, maxAttempts, pollInterval, leaseTtl, leaseRenewal, stopTimeout);
    }

    public QueueSettings withOnCrash(CrashPolicy policy) {
        return new QueueSettings(onFailure, policy, maxAttempts, pollInterval, leaseTtl, leaseRenewal, stopTimeout);
    }

    public QueueSettings withMaxAttempts(int attempts) {
        return new QueueSettings(onFailure, onCrash, attempts, pollInterval, leaseTtl, leaseRenewal, stopTimeout);
    }

    public QueueSettings withPollInterval(Duration interval) {
        return new QueueSettings(onFailure, onCrash, maxAttempts, interval, leaseTtl, leaseRenewal, stopTimeout);
    }

    /** The lease TTL, renewed every third of it. */
    public QueueSettings withLeaseTtl(Duration ttl) {
        return new QueueSettings(onFailure, onCrash, maxAttempts, pollInterval, ttl, ttl.dividedBy(3), stopTimeout);
    }

    public QueueSettings withStopTimeout(Duration timeout) {
        return new QueueSettings(onFailure, onCrash, maxAttempts, pollInterval, leaseTtl, leaseRenewal, timeout);
    }

    private static void positive(Duration d, String name) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }
}
