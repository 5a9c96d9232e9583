package io.coremonitor.server.internal;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether one dependency of the server (the database, the Docker engine) answers.
 *
 * @param status  {@code UP} or {@code DOWN}
 * @param version what it reported of itself, when up
 * @param error   why it is down
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

    public boolean answering() {
        return status.equals("UP");
    }
}
