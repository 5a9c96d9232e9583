package io.coremonitor.engine.monitoring;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The drift the {@link DriftWatcher} last saw on a stack: what it knows from its latest check, no Docker call.
 *
 * @param services the drifted services and why, by name
 * @param seenAt   when the check that saw it ran
 */
public record DriftSeen(Map<String, String> services, Instant seenAt) {

    public DriftSeen {
        services = Map.copyOf(Objects.requireNonNull(services, "services"));
        Objects.requireNonNull(seenAt, "seenAt");
    }
}
