package io.coremonitor.engine.monitoring;

import io.coremonitor.engine.StackStatusView;
import java.util.Map;
import java.util.Objects;

/**
 * A stack's status ({@code GET /stacks/{id}/status}) with the monitoring fields of each service.
 *
 * @param status   the status as {@link io.coremonitor.engine.StackInspector#status} computes it (same list call); its
 *                 {@code actual} is DEGRADED when a service drifted while others run
 * @param services per service: state, health, version, uptime, restart count, exit code, drift reason
 */
public record StackMonitorView(StackStatusView status, Map<String, ServiceMonitorView> services) {

    public StackMonitorView {
        Objects.requireNonNull(status, "status");
        services = Map.copyOf(services);
    }

    /** Whether some service drifted from the current version. */
    public boolean drifted() {
        return services.values().stream().anyMatch(s -> s.drift().isPresent());
    }
}
