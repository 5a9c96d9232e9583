package io.coremonitor.store;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Store#health()} found.
 *
 * @param status {@link Status#UP} when reads and writes work, {@link Status#DEGRADED} when reads work and writes do
 *               not (a full disk, a read-only or missing SQLite file, a lock held by another process),
 *               {@link Status#DOWN} when even a read fails
 * @param reason why it is not UP (no password in it)
 */
public record StoreHealth(Status status, Optional<String> reason) {

    /** The three states of the store. */
    public enum Status {
        UP,
        DEGRADED,
        DOWN
    }

    public StoreHealth {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
    }

    public static StoreHealth up() {
        return new StoreHealth(Status.UP, Optional.empty());
    }

    public static StoreHealth degraded(String reason) {
        return new StoreHealth(Status.DEGRADED, Optional.of(reason));
    }

    public static StoreHealth down(String reason) {
        return new StoreHealth(Status.DOWN, Optional.of(reason));
    }
}
