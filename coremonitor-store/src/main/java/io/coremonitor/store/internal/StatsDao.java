package io.coremonitor.store.internal;

import io.coremonitor.store.ContainerStats;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL of the container_stats table (portable: the bucket is integer arithmetic on BIGINT milliseconds). */
public interface StatsDao {

    String COLUMNS = "stack_id, service, container_id, sampled_at, cpu_percent, mem_usage, mem_limit, net_rx, net_tx,"
            + " blk_read, blk_write";
    String RANGE = " FROM container_stats WHERE stack_id = :stack AND (:service IS NULL OR service = :service)"
            + " AND sampled_at >= :from AND sampled_at < :to";

    /** Run as a PreparedBatch inside the caller's transaction (a SqlBatch would open its own, refused on SQLite). */
    String INSERT = "INSERT INTO container_stats (" + COLUMNS + ") VALUES (:stackId, :service, :containerId, :sampledAt,"
            + " :cpuPercent, :memUsage, :memLimit, :netRx, :netTx, :blkRead, :blkWrite)";

    @SqlQuery("SELECT COALESCE(MAX(n), 0) FROM (SELECT COUNT(*) AS n" + RANGE + " GROUP BY service) counts")
    long maxPerService(@Bind("stack") String stackId, @Bind("service") String service, @Bind("from") Instant from,
            @Bind("to") Instant to);

    @SqlQuery("SELECT " + COLUMNS + RANGE + " ORDER BY sampled_at, service, container_id")
    List<ContainerStats> raw(@Bind("stack") String stackId, @Bind("service") String service, @Bind("from") Instant from,
            @Bind("to") Instant to);

    @SqlQuery("SELECT stack_id, service, MAX(container_id) AS container_id, :from + bucket * :width AS sampled_at,"
            + " AVG(cpu_percent) AS cpu_percent, CAST(AVG(mem_usage) AS BIGINT) AS mem_usage, MAX(mem_limit) AS mem_limit,"
            + " MAX(net_rx) AS net_rx, MAX(net_tx) AS net_tx, MAX(blk_read) AS blk_read, MAX(blk_write) AS blk_write"
            + " FROM (SELECT " + COLUMNS + ", (sampled_at - :from) / :width AS bucket" + RANGE + ") b"
            + " GROUP BY stack_id, service, bucket ORDER BY bucket, service")
    List<ContainerStats> buckets(@Bind("stack") String stackId, @Bind("service") String service,
            @Bind("from") Instant from, @Bind("to") Instant to, @Bind("width") long widthMillis);

    @SqlUpdate("DELETE FROM container_stats WHERE sampled_at < :cutoff")
    int purge(@Bind("cutoff") Instant cutoff);

    @SqlQuery("SELECT MAX(sampled_at) FROM container_stats")
    Optional<Instant> latest();
}
