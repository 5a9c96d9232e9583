package io.coremonitor.engine.internal.convergence;

import com.github.dockerjava.api.command.HealthState;
import com.github.dockerjava.api.command.HealthStateLog;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import io.coremonitor.docker.ContainerStatusText;
import io.coremonitor.docker.DockerOps;
import io.coremonitor.engine.ExecutionContext;
import io.coremonitor.model.HealthCheck;
import io.coremonitor.model.ServiceSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Waiting for a started container to become healthy or to complete, with bounded timeouts. */
final class Waits {

    /** Docker's defaults when the health check does not say. */
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    static final int DEFAULT_RETRIES = 3;
    /** Added to the computed health timeout: scheduling slack. */
    static final Duration HEALTH_MARGIN = Duration.ofSeconds(10);
    /** How long a one-shot dependency may run before its dependents give up. */
    static final Duration COMPLETION_TIMEOUT = Duration.ofMinutes(10);
    static final int LOG_TAIL_LINES = 20;
    /** Polls start fast and back off: 50, 100, 200, then every 250 ms. */
    private static final long FIRST_POLL_MILLIS = 50;
    private static final long POLL_MILLIS = 250;

    private Waits() {
    }

    /** start_period + (interval + timeout) * retries + margin. */
    static Duration healthTimeout(Optional<HealthCheck> check) {
        Duration interval = check.flatMap(HealthCheck::interval).orElse(DEFAULT_INTERVAL);
        Duration timeout = check.flatMap(HealthCheck::timeout).orElse(DEFAULT_TIMEOUT);
        int retries = check.flatMap(HealthCheck::retries).orElse(DEFAULT_RETRIES);
        Duration start = check.flatMap(HealthCheck::startPeriod).orElse(Duration.ZERO);
        return start.plus(interval.plus(timeout).multipliedBy(retries)).plus(HEALTH_MARGIN);
    }

    static boolean hasHealthcheck(ServiceSpec spec) {
        return spec.lifecycle().healthcheck().map(h -> !h.disable()).orElse(false);
    }

    static void healthy(DockerOps ops, ExecutionContext ctx, String service, String containerId, ServiceSpec spec) {
        Duration limit = healthTimeout(spec.lifecycle().healthcheck());
        long deadline = System.nanoTime() + limit.toNanos();
        for (int attempt = 0; ; attempt++) {
            ctx.checkCancelled();
            InspectContainerResponse inspect = ops.inspectContainer(containerId);
            InspectContainerResponse.ContainerState state = inspect.getState();
            HealthState health = state.getHealth();
            if (health == null) {
                throw new ServiceFailure(service, "it has no health check, but a dependent waits for service_healthy", "");
            }
            if ("healthy".equals(health.getStatus())) {
                return;
            }
            if (!Boolean.TRUE.equals(state.getRunning()) && !Boolean.TRUE.equals(state.getRestarting())) {
                throw failure(ops, service, containerId, "exited with code " + state.getExitCodeLong() + " before becoming healthy");
            }
            if ("unhealthy".equals(health.getStatus())) {
                throw failure(ops, service, containerId, "health check failed: unhealthy" + lastProbe(health));
            }
            if (System.nanoTime() > deadline) {
                throw failure(ops, service, containerId, "not healthy after " + limit.toSeconds() + "s (health: " + health.getStatus()
                    + lastProbe(health) + ")");
            }
            sleep(attempt);
        }
    }

    static void completed(DockerOps ops, ExecutionContext ctx, String service, String containerId) {
        long deadline = System.nanoTime() + COMPLETION_TIMEOUT.toNanos();
        for (int attempt = 0; ; attempt++) {
            ctx.checkCancelled();
            InspectContainerResponse.ContainerState state = ops.inspectContainer(containerId).getState();
            boolean running = Boolean.TRUE.equals(state.getRunning()) || Boolean.TRUE.equals(state.getRestarting());
            if (!running && state.getStartedAt() != null && !state.getStartedAt().startsWith("0001")) {
                Long code = state.getExitCodeLong();
                if (code != null && code == 0) {
                    return;
                }
                throw failure(ops, service, containerId, "exited with code " + code
                    + " (a dependent waits for service_completed_successfully)");
            }
            if (System.nanoTime() > deadline) {
                throw failure(ops, service, containerId, "still running after " + COMPLETION_TIMEOUT.toMinutes()
                    + " min (a dependent waits for service_completed_successfully)");
            }
            sleep(attempt);
        }
    }

    /** As {@link #running(DockerOps, String, String)}, from the container list call's state and status text. */
    static void running(DockerOps ops, String service, Container c) {
        String exitCode = ContainerStatusText.exitCode(c).map(String::valueOf).orElse("unknown");
        if ("restarting".equals(c.getState())) {
            throw failure(ops, service, c.getId(), "it keeps restarting (last exit code " + exitCode + ")");
        }
        if (("exited".equals(c.getState()) || "dead".equals(c.getState())) && !"0".equals(exitCode)) {
            throw failure(ops, service, c.getId(), "exited with code " + exitCode);
        }
    }

    /** A started service without health check: fails when it already exited with an error or keeps restarting. */
    static void running(DockerOps ops, String service, String containerId) {
        InspectContainerResponse.ContainerState state = ops.inspectContainer(containerId).getState();
        if (Boolean.TRUE.equals(state.getRestarting())) {
            throw failure(ops, service, containerId, "it keeps restarting (last exit code " + state.getExitCodeLong() + ")");
        }
        if (!Boolean.TRUE.equals(state.getRunning()) && state.getExitCodeLong() != null && state.getExitCodeLong() != 0) {
            throw failure(ops, service, containerId, "exited with code " + state.getExitCodeLong());
        }
    }

    static ServiceFailure failure(DockerOps ops, String service, String containerId, String reason) {
        return new ServiceFailure(service, reason, ops.logTail(containerId, LOG_TAIL_LINES));
    }

    /**
     * A failure caused by a Docker call: keeps the cause (an engine that went away must be told from a service that
     * failed) and reads the log tail only if the engine still answers.
     */
    static ServiceFailure failure(DockerOps ops, String service, String containerId, String reason, RuntimeException cause) {
        String tail;
        try {
            tail = ops.logTail(containerId, LOG_TAIL_LINES);
        } catch (RuntimeException again) {
            cause.addSuppressed(again);
            tail = "";
        }
        return new ServiceFailure(service, reason, tail, cause);
    }

    private static String lastProbe(HealthState health) {
        List<HealthStateLog> log = health.getLog();
        if (log == null || log.isEmpty()) {
            return "";
        }
        HealthStateLog last = log.get(log.size() - 1);
        String output = last.getOutput() == null ? "" : last.getOutput().strip();
        return " (last probe exit code " + last.getExitCodeLong() + (output.isEmpty() ? "" : ": " + output) + ")";
    }

    private static void sleep(int attempt) {
        try {
            Thread.sleep(Math.min(POLL_MILLIS, FIRST_POLL_MILLIS << Math.min(attempt, 8)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
