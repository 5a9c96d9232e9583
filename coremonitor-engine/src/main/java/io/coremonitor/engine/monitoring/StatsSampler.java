package io.coremonitor.engine.monitoring;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.BlkioStatEntry;
import com.github.dockerjava.api.model.BlkioStatsConfig;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.CpuStatsConfig;
import com.github.dockerjava.api.model.MemoryStatsConfig;
import com.github.dockerjava.api.model.StatisticNetworksConfig;
import com.github.dockerjava.api.model.Statistics;
import io.coremonitor.docker.DockerOps;
import io.coremonitor.docker.StackLabels;
import io.coremonitor.store.ContainerStats;
import io.coremonitor.store.Store;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the statistics of every running managed container and stores them, then purges samples older than the
 * retention. One round = one list call (label {@code coremonitor.managed=true}) + one one-shot stats call per running
 * container ({@code noStream}: the engine answers after about a second, with {@code precpu_stats} filled), all issued
 * in parallel on the bounded pool and each awaited with a timeout, then one batch insert and one purge. Rounds are run
 * by {@link Monitoring} on its scheduler; {@link #sampleOnce()} runs one now.
 */
public final class StatsSampler {

    private static final Logger LOG = LoggerFactory.getLogger(StatsSampler.class);

    /** How long one container's stats call may take. */
    public static final Duration STATS_TIMEOUT = Duration.ofSeconds(10);

    private final Store store;
    private final DockerOps ops;
    private final DockerClient docker;
    private final Clock clock;
    private final ExecutorService pool;
    private final Duration retention;
    private final AtomicReference<Round> lastRound = new AtomicReference<>();
    private volatile Instant lastSuccess;

    /**
     * The outcome of one sampling round.
     *
     * @param at        when it started
     * @param duration  how long it took
     * @param sampled   containers sampled and stored
     * @param failed    containers whose stats call failed or timed out
     * @param purged    samples deleted by retention
     */
    public record Round(Instant at, Duration duration, int sampled, int failed, int purged) {
    }

    public StatsSampler(Store store, DockerOps ops, DockerClient docker, Clock clock, ExecutorService pool, Duration retention) {
        this.store = store;
        this.ops = ops;
        this.docker = docker;
        this.clock = clock;
        this.pool = pool;
        this.retention = retention;
    }

    /** Samples every running managed container once, stores the samples and purges old ones. */
    public Round sampleOnce() {
        Instant start = clock.instant();
        long t0 = System.nanoTime();
        List<Container> running = ops.listContainers(StackLabels.MANAGED, "true").stream()
            .filter(c -> "running".equals(c.getState()))
            .filter(c -> c.getLabels() != null && c.getLabels().get(StackLabels.STACK_ID) != null)
            .toList();
        List<CompletableFuture<Optional<ContainerStats>>> futures = new ArrayList<>();
        for (Container c : running) {
            futures.add(CompletableFuture.supplyAsync(() -> sample(c), pool));
        }
        List<ContainerStats> samples = new ArrayList<>();
        int failed = 0;
        long deadline = System.nanoTime() + STATS_TIMEOUT.toNanos() + TimeUnit.SECONDS.toNanos(1);
        for (CompletableFuture<Optional<ContainerStats>> f : futures) {
            try {
                Optional<ContainerStats> s = f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (s.isPresent()) {
                    samples.add(s.get());
                } else {
                    failed++;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed++;
            } catch (Exception e) {
                f.cancel(true);
                failed++;
            }
        }
        store.stats().append(samples);
        int purged = store.stats().purgeOlderThan(clock.instant().minus(retention));
        Round round = new Round(start, Duration.ofNanos(System.nanoTime() - t0), samples.size(), failed, purged);
        lastRound.set(round);
        if (failed == 0 || !samples.isEmpty()) {
            lastSuccess = clock.instant();
        }
        LOG.debug("stats round: {}", round);
        return round;
    }

    /** The last round, if one ran. */
    public Optional<Round> lastRound() {
        return Optional.ofNullable(lastRound.get());
    }

    /** When the last round that stored samples (or had nothing to sample) ended. */
    public Optional<Instant> lastSuccess() {
        return Optional.ofNullable(lastSuccess);
    }

    private Optional<ContainerStats> sample(Container c) {
        Map<String, String> labels = c.getLabels();
        String stackId = labels.get(StackLabels.STACK_ID);
        String service = labels.getOrDefault(StackLabels.SERVICE, "");
        OneShot callback = new OneShot();
        try {
            docker.statsCmd(c.getId()).withNoStream(true).exec(callback);
            if (!callback.awaitCompletion(STATS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) && callback.first.get() == null) {
                LOG.debug("stats of {} timed out", c.getId());
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (RuntimeException e) {
            LOG.debug("stats of {} failed: {}", c.getId(), e.toString());
            return Optional.empty();
        } finally {
            try {
                callback.close();
            } catch (IOException e) {
                LOG.trace("closing a stats stream: {}", e.toString());
            }
        }
        Statistics s = callback.first.get();
        if (s == null) {
            return Optional.empty();
        }
        return Optional.of(toSample(stackId, service, c.getId(), clock.instant(), s));
    }

    /** One sample from Docker's statistics (CPU % like {@code docker stats}: cpu vs precpu deltas). */
    static ContainerStats toSample(String stackId, String service, String containerId, Instant at, Statistics s) {
        long[] net = network(s.getNetworks());
        long[] blk = blkio(s.getBlkioStats());
        MemoryStatsConfig mem = s.getMemoryStats();
        return new ContainerStats(stackId, service, containerId, at, cpuPercent(s.getCpuStats(), s.getPreCpuStats()),
            memoryUsage(mem), mem == null || mem.getLimit() == null ? 0 : mem.getLimit(), net[0], net[1], blk[0], blk[1]);
    }

    static double cpuPercent(CpuStatsConfig cpu, CpuStatsConfig pre) {
        if (cpu == null || pre == null || cpu.getCpuUsage() == null || pre.getCpuUsage() == null) {
            return 0;
        }
        if (nz(pre.getSystemCpuUsage()) == 0) {
            // no previous reading (the engine had none to give): a delta since boot would be meaningless
            return 0;
        }
        long cpuDelta = nz(cpu.getCpuUsage().getTotalUsage()) - nz(pre.getCpuUsage().getTotalUsage());
        long systemDelta = nz(cpu.getSystemCpuUsage()) - nz(pre.getSystemCpuUsage());
        long online = nz(cpu.getOnlineCpus());
        if (online == 0 && cpu.getCpuUsage().getPercpuUsage() != null) {
            online = cpu.getCpuUsage().getPercpuUsage().size();
        }
        if (systemDelta <= 0 || cpuDelta <= 0) {
            return 0;
        }
        return (double) cpuDelta / systemDelta * Math.max(1, online) * 100.0;
    }

    /** Usage without the inactive page cache, like {@code docker stats} (cgroup v1 and v2). */
    static long memoryUsage(MemoryStatsConfig mem) {
        if (mem == null || mem.getUsage() == null) {
            return 0;
        }
        long usage = mem.getUsage();
        if (mem.getStats() != null) {
            Long v1 = mem.getStats().getTotalInactiveFile();
            if (v1 != null && v1 < usage) {
                return usage - v1;
            }
            Long v2 = mem.getStats().getInactiveFile();
            if (v2 != null && v2 < usage) {
                return usage - v2;
            }
        }
        return usage;
    }

    private static long[] network(Map<String, StatisticNetworksConfig> networks) {
        long[] rxTx = new long[2];
        if (networks != null) {
            for (StatisticNetworksConfig n : networks.values()) {
                rxTx[0] += nz(n.getRxBytes());
                rxTx[1] += nz(n.getTxBytes());
            }
        }
        return rxTx;
    }

    private static long[] blkio(BlkioStatsConfig blk) {
        long[] readWrite = new long[2];
        if (blk != null && blk.getIoServiceBytesRecursive() != null) {
            for (BlkioStatEntry e : blk.getIoServiceBytesRecursive()) {
                String op = e.getOp() == null ? "" : e.getOp().toLowerCase(Locale.ROOT);
                if (op.equals("read")) {
                    readWrite[0] += nz(e.getValue());
                } else if (op.equals("write")) {
                    readWrite[1] += nz(e.getValue());
                }
            }
        }
        return readWrite;
    }

    private static long nz(Long v) {
        return v == null ? 0 : v;
    }

    /** Keeps the first statistics object and ends the stream. */
    private static final class OneShot extends ResultCallback.Adapter<Statistics> {

        final AtomicReference<Statistics> first = new AtomicReference<>();

        @Override
        public void onNext(Statistics object) {
            if (first.compareAndSet(null, object)) {
                onComplete();
            }
        }
    }
}
