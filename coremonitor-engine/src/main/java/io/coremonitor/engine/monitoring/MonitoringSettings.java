package io.coremonitor.engine.monitoring;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the monitoring.
 *
 * @param statsInterval     time between two stats sampling rounds (default 15 s)
 * @param statsRetention    samples older than this are purged after each round (default 7 days)
 * @param selfHeal          queue an APPLY of the current version when drift is seen (default off)
 * @param driftDebounce     wait after a container event before checking the stack (default 1 s)
 * @param reconcileInterval the safety-net drift check of every stack (default 60 s)
 * @param ioThreads         the bounded pool of the parallel stats and inspect calls (default 16)
 */
public record MonitoringSettings(Duration statsInterval, Duration statsRetention, boolean selfHeal, Duration driftDebounce,
        Duration reconcileInterval, int ioThreads) {

    public MonitoringSettings {
        positive(statsInterval, "statsInterval");
        positive(statsRetention, "statsRetention");
        Objects.requireNonNull(driftDebounce, "driftDebounce");
        if (driftDebounce.isNegative()) {
            throw new IllegalArgumentException("driftDebounce must not be negative");
        }
        positive(reconcileInterval, "reconcileInterval");
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads must be at least 1, got " + ioThreads);
        }
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }

    public static MonitoringSettings defaults() {
        return new MonitoringSettings(Duration.ofSeconds(15), Duration.ofDays(7), false, Duration.ofSeconds(1),
            Duration.ofSeconds(60), 16);
    }

    public MonitoringSettings withStatsInterval(Duration d) {
        return new MonitoringSettings(d, statsRetention, selfHeal, driftDebounce, reconcileInterval, ioThreads);
    }

    public MonitoringSettings withStatsRetention(Duration d) {
        return new MonitoringSettings(statsInterval, d, selfHeal, driftDebounce, reconcileInterval, ioThreads);
    }

    public MonitoringSettings withSelfHeal(boolean on) {
        return new MonitoringSettings(statsInterval, statsRetention, on, driftDebounce, reconcileInterval, ioThreads);
    }

    public MonitoringSettings withDriftDebounce(Duration d) {
        return new MonitoringSettings(statsInterval, statsRetention, selfHeal, d, reconcileInterval, ioThreads);
    }

    public MonitoringSettings withReconcileInterval(Duration d) {
        return new MonitoringSettings(statsInterval, statsRetention, selfHeal, driftDebounce, d, ioThreads);
    }
}
