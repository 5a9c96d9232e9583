package io.coremonitor.engine.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Statistics;
import io.coremonitor.store.ContainerStats;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The computation of a sample from Docker's statistics, like {@code docker stats}. */
class StatsSamplerTest {

    private static Statistics stats(String json) throws Exception {
        return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .readValue(json, Statistics.class);
    }

    @Test
    void cpuPercentMemoryNetworkAndBlockIo() throws Exception {
        Statistics s = stats("""
            {"cpu_stats": {"cpu_usage": {"total_usage": 3000000000}, "system_cpu_usage": 20000000000, "online_cpus": 4},
             "precpu_stats": {"cpu_usage": {"total_usage": 2000000000}, "system_cpu_usage": 16000000000, "online_cpus": 4},
             "memory_stats": {"usage": 10000, "limit": 1000000, "stats": {"inactive_file": 4000}},
             "networks": {"eth0": {"rx_bytes": 100, "tx_bytes": 10}, "eth1": {"rx_bytes": 1, "tx_bytes": 2}},
             "blkio_stats": {"io_service_bytes_recursive": [
               {"major": 8, "minor": 0, "op": "read", "value": 500}, {"major": 8, "minor": 0, "op": "write", "value": 70},
               {"major": 8, "minor": 16, "op": "Read", "value": 5}, {"major": 8, "minor": 0, "op": "total", "value": 575}]}}
            """);
        ContainerStats c = StatsSampler.toSample("st", "web", "cid", Instant.EPOCH, s);
        // (1e9 / 4e9) * 4 CPUs * 100
        assertThat(c.cpuPercent()).isEqualTo(100.0);
        assertThat(c.memUsage()).isEqualTo(6000);
        assertThat(c.memLimit()).isEqualTo(1000000);
        assertThat(c.netRx()).isEqualTo(101);
        assertThat(c.netTx()).isEqualTo(12);
        assertThat(c.blkRead()).isEqualTo(505);
        assertThat(c.blkWrite()).isEqualTo(70);
    }

    @Test
    void withoutPreviousCpuTheCpuIsZero() throws Exception {
        Statistics s = stats("""
            {"cpu_stats": {"cpu_usage": {"total_usage": 3000000000}, "system_cpu_usage": 20000000000, "online_cpus": 4},
             "precpu_stats": {"cpu_usage": {"total_usage": 0}},
             "memory_stats": {}}
            """);
        ContainerStats c = StatsSampler.toSample("st", "web", "cid", Instant.EPOCH, s);
        assertThat(c.cpuPercent()).isZero();
        assertThat(c.memUsage()).isZero();
    }
}
