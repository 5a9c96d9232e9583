package io.coremonitor.store;

import java.time.Duration;
import java.util.Optional;

/**
 * Leases that make a worker a singleton across processes sharing the database. Every operation is one atomic
 * conditional statement; time comes from the store's clock.
 */
public interface LeaseRepository {

    /** The lease of the queue worker. */
    String QUEUE_WORKER = "queue-worker";

    /** Takes the lease when it is free, expired, or already held by {@code owner}; empty when someone else holds it. */
    Optional<Lease> tryAcquire(String name, String owner, Duration ttl);

    default Optional<Lease> tryAcquire(String owner, Duration ttl) {
        return tryAcquire(QUEUE_WORKER, owner, ttl);
    }

    /** Extends the lease by {@code ttl} from now, only for its holder; empty when {@code owner} does not hold it. */
    Optional<Lease> renew(String name, String owner, Duration ttl);

    default Optional<Lease> renew(String owner, Duration ttl) {
        return renew(QUEUE_WORKER, owner, ttl);
    }

    /** Gives the lease up; false when {@code owner} did not hold it. */
    boolean release(String name, String owner);

    default boolean release(String owner) {
        return release(QUEUE_WORKER, owner);
    }

    /** The lease row, expired or not. */
    Optional<Lease> current(String name);

    default Optional<Lease> current() {
        return current(QUEUE_WORKER);
    }
}
