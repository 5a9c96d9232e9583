package io.coremonitor.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A held lease.
 *
 * @param name       the lease (one per kind of singleton worker)
 * @param owner      who holds it
 * @param acquiredAt when the owner took it
 * @param expiresAt  when it lapses unless renewed
 */
public record Lease(String name, String owner, Instant acquiredAt, Instant expiresAt) {

    public Lease {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(acquiredAt, "acquiredAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean expiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }
}
