package io.coremonitor.engine.internal.deploy;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a target waits.
 *
 * @param verdict how long the middleware may take to deploy (or undeploy) once the artifact is switched in
 * @param step    how long one exec or upload in the container may take
 * @param poll    the pause between two looks at the middleware's log or markers
 */
public record DeployTimeouts(Duration verdict, Duration step, Duration poll) {

    /** 120 s for the verdict, 60 s for a step, a look every 500 ms. */
    public static final DeployTimeouts DEFAULTS =
        new DeployTimeouts(Duration.ofSeconds(120), Duration.ofSeconds(60), Duration.ofMillis(500));

    public DeployTimeouts {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(poll, "poll");
    }
}
