package io.coremonitor.server.internal;

import io.coremonitor.store.StoreHealth;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether one dependency of the server (the database, the Docker engine) answers.
 *
 * @param status  {@code UP}, {@code DEGRADED} (the database: reads work, writes do not) or {@code DOWN}
 * @param version what it reported of itself, when answering
 * @param error   why it is not UP
 */
public record ComponentHealth(String status, Optional<String> version, Optional<String> error) {

    public ComponentHealth {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(error, "error");
    }

    public static ComponentHealth up(String version) {
        return new ComponentHealth("UP", Optional.of(version), Optional.empty());
    }

    public static ComponentHealth down(String error) {
        return new ComponentHealth("DOWN", Optional.empty(), Optional.of(error));
    }

    /** The database part of the health report, from the store's own check. */
    public static ComponentHealth database(StoreHealth health, String dialect) {
        return switch (health.status()) {
            case UP -> up(dialect);
            case DEGRADED -> new ComponentHealth("DEGRADED", Optional.of(dialect), health.reason());
            case DOWN -> new ComponentHealth("DOWN", Optional.empty(), health.reason());
        };
    }

    /** Whether it answers at all (UP or DEGRADED). */
    public boolean answering() {
        return !status.equals("DOWN");
    }

    public boolean fullyUp() {
        return status.equals("UP");
    }
}
