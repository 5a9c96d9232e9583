package io.coremonitor.engine.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.StatsCmd;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Statistics;
import io.coremonitor.docker.DockerOps;
import io.coremonitor.docker.StackLabels;
import io.coremonitor.store.Store;
import io.coremonitor.store.testing.MutableClock;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A round issues the stats calls in parallel: 20 containers answering in 500 ms each take about 500 ms, not 10 s. */
class StatsSamplerParallelTest {

    private static final ObjectMapper JSON = new ObjectMapper()
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @TempDir
    Path dir;

    @Test
    void twentyContainersAreSampledInParallel() throws Exception {
        List<Container> containers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            containers.add(JSON.readValue("{\"Id\":\"c" + i + "\",\"State\":\"running\",\"Labels\":{\""
                + StackLabels.STACK_ID + "\":\"s1\",\"" + StackLabels.SERVICE + "\":\"svc" + i + "\"}}", Container.class));
        }
        Statistics stats = JSON.readValue("""
            {"cpu_stats": {"cpu_usage": {"total_usage": 2}, "system_cpu_usage": 20, "online_cpus": 1},
             "precpu_stats": {"cpu_usage": {"total_usage": 1}, "system_cpu_usage": 10, "online_cpus": 1},
             "memory_stats": {"usage": 5, "limit": 10}}
            """, Statistics.class);
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        DockerOps ops = (DockerOps) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DockerOps.class},
            (proxy, method, args) -> {
                if (method.getName().equals("listContainers")) {
                    return containers;
                }
                throw new UnsupportedOperationException(method.getName());
            });
        DockerClient docker = (DockerClient) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {DockerClient.class}, (proxy, method, args) -> {
                if (!method.getName().equals("statsCmd")) {
                    throw new UnsupportedOperationException(method.getName());
                }
                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {StatsCmd.class}, (p, m, a) -> {
                    if (m.getName().equals("withNoStream")) {
                        return p;
                    }
                    if (m.getName().equals("exec")) {
                        @SuppressWarnings("unchecked")
                        ResultCallback<Statistics> callback = (ResultCallback<Statistics>) a[0];
                        // a blocking call of 500 ms, like Docker's one-shot stats
                        int now = concurrent.incrementAndGet();
                        maxConcurrent.accumulateAndGet(now, Math::max);
                        Thread.sleep(500);
                        concurrent.decrementAndGet();
                        callback.onNext(stats);
                        return callback;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
            });
        MutableClock clock = MutableClock.atEpochOfTests();
        ExecutorService pool = Executors.newFixedThreadPool(MonitoringSettings.defaults().ioThreads());
        try (Store store = Store.open(io.coremonitor.store.StoreConfig.sqlite(dir.resolve("s.db"), clock))) {
            StatsSampler sampler = new StatsSampler(store, ops, docker, clock, pool, Duration.ofDays(1));
            long t0 = System.nanoTime();
            StatsSampler.Round round = sampler.sampleOnce();
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertThat(round.sampled()).isEqualTo(20);
            assertThat(round.failed()).isZero();
            assertThat(maxConcurrent.get()).isEqualTo(16);
            assertThat(millis).as("two waves of 500 ms, not twenty (10 s)").isLessThan(5000);
            assertThat(store.stats().query("s1", Optional.empty(), clock.instant(), clock.instant().plusSeconds(1), 100))
                .hasSize(20).allMatch(s -> s.cpuPercent() == 10.0 && s.memUsage() == 5);
        } finally {
            pool.shutdownNow();
        }
    }
}
