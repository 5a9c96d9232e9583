package io.coremonitor.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One statistics sample of a container (or, from {@link StatsRepository#query}, the aggregate of a time bucket).
 *
 * @param stackId     the stack
 * @param service     the service the container runs
 * @param containerId the container (in a bucket aggregated over several containers: the last one seen)
 * @param sampledAt   when it was sampled (a bucket: its start)
 * @param cpuPercent  CPU use in percent of one CPU, like {@code docker stats} (can exceed 100 on several CPUs)
 * @param memUsage    memory used, bytes (without page cache, like {@code docker stats})
 * @param memLimit    memory limit, bytes
 * @param netRx       bytes received, cumulative since the container started
 * @param netTx       bytes sent, cumulative
 * @param blkRead     bytes read from block devices, cumulative
 * @param blkWrite    bytes written to block devices, cumulative
 */
public record ContainerStats(String stackId, String service, String containerId, Instant sampledAt, double cpuPercent,
        long memUsage, long memLimit, long netRx, long netTx, long blkRead, long blkWrite) {

    public ContainerStats {
        Objects.requireNonNull(stackId, "stackId");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(containerId, "containerId");
        Objects.requireNonNull(sampledAt, "sampledAt");
    }
}
