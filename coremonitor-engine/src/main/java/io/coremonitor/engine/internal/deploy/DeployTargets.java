package io.coremonitor.engine.internal.deploy;

import io.coremonitor.docker.DockerOps;
import io.coremonitor.model.DeployKind;
import java.time.Clock;

/** The target of each {@link DeployKind}. */
public final class DeployTargets {

    private DeployTargets() {
    }

    /** The target of {@code kind}, with {@link DeployTimeouts#DEFAULTS}. */
    public static DeployTarget of(DeployKind kind, DockerOps ops, Clock clock) {
        return of(kind, ops, clock, DeployTimeouts.DEFAULTS);
    }

    public static DeployTarget of(DeployKind kind, DockerOps ops, Clock clock, DeployTimeouts timeouts) {
        return switch (kind) {
            case NGINX -> new NginxTarget(ops, clock, timeouts);
            case TOMCAT -> new TomcatTarget(ops, clock, timeouts);
            case WILDFLY -> new WildFlyTarget(ops, clock, timeouts);
        };
    }
}
