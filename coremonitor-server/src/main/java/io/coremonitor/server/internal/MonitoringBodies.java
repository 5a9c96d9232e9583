package io.coremonitor.server.internal;

import io.coremonitor.engine.PlanAction;
import io.coremonitor.engine.monitoring.MonitorEvent;
import io.coremonitor.model.StackState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The answers about what runs: plans, status, statistics, containers, their logs, monitoring events. */
final class MonitoringBodies {

    private MonitoringBodies() {
    }

    /**
     * What APPLY of a version would do; {@code summary} counts the actions by kind; {@code profiles} the active
     * profiles, {@code disabled} the services none of them enables (each with its profiles), not deployed.
     */
    record PlanView(String stackId, String stackName, String version, boolean unchanged, Map<String, Integer> summary,
            List<PlanActionView> actions, List<String> profiles, Map<String, List<String>> disabled) {
    }

    /** One action of a plan, with why. */
    record PlanActionView(PlanAction.Kind kind, String name, Optional<String> service, Optional<String> containerId,
            List<String> reasons) {
    }

    /** Desired and actual state of a stack, per service by name. */
    record StatusView(String stackId, StackState desired, StackState actual, Optional<String> version,
            Optional<Instant> lastUpdated, boolean drifted, Map<String, ServiceStatusView> services) {
    }

    /** What one service's container is doing; {@code restart_count} only with {@code ?detail=true}. */
    record ServiceStatusView(String state, Optional<String> health, Optional<String> containerId,
            Optional<Instant> startedAt, Optional<String> version, Optional<Long> uptimeSeconds,
            Optional<Integer> restartCount, Optional<Integer> exitCode, Optional<String> drift) {
    }

    /** One statistics sample (or the average of a bucket of them) of a service's container. */
    record StatsView(String service, String containerId, Instant sampledAt, double cpuPercent, long memUsage, long memLimit,
            long netRx, long netTx, long blkRead, long blkWrite) {
    }

    /** A container of a stack. */
    record ContainerView(String id, String name, String service, String image, String state, Optional<String> health,
            Optional<Instant> startedAt, List<String> ports) {
    }

    /** A service's container log lines. */
    record ServiceLogsView(String containerId, List<ContainerLogLineView> items) {
    }

    /** One line a container wrote, on {@code stdout} or {@code stderr}. */
    record ContainerLogLineView(String stream, String message) {
    }

    /** Drift seen or a self-heal queued (an SSE event of {@code /events}). */
    record MonitorEventView(MonitorEvent.Type type, String stackId, Optional<String> service, Optional<String> containerId,
            String action, String reason, Instant time) {
    }
}
