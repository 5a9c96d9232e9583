package io.coremonitor.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The history of container statistics: appended in batches, read by time range, purged by age. */
public interface StatsRepository {

    /** Appends samples in one transaction (one statement batch). An empty list does nothing. */
    void append(List<ContainerStats> samples);

    /**
     * The samples of a stack (of one service when given) with {@code from <= sampled_at < to}, oldest first.
     *
     * <p>When the range holds more than {@code maxPoints} samples per service they are downsampled: the range is cut
     * into {@code maxPoints} equal buckets and each non-empty bucket of each service becomes one point stamped with the
     * bucket's start, with the average CPU % and memory use and the maximum of the memory limit and of the cumulative
     * counters (network, block I/O). The aggregation is done in SQL (same results on SQLite and PostgreSQL).
     *
     * @throws IllegalArgumentException when {@code maxPoints < 1} or {@code to} is not after {@code from}
     */
    List<ContainerStats> query(String stackId, Optional<String> service, Instant from, Instant to, int maxPoints);

    /** Deletes every sample taken before {@code cutoff}; returns how many. */
    int purgeOlderThan(Instant cutoff);

    /** The time of the newest sample, if any. */
    Optional<Instant> latest();
}
