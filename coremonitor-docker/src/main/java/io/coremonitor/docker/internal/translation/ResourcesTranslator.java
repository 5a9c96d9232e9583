package io.coremonitor.docker.internal.translation;

import com.github.dockerjava.api.model.BlkioRateDevice;
import com.github.dockerjava.api.model.BlkioWeightDevice;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ulimit;
import io.coremonitor.model.BlkioConfig;
import io.coremonitor.model.BlkioConfig.BlkioDeviceValue;
import io.coremonitor.model.ServiceResources;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates {@link ServiceResources}: limits, the memory reservation (the engine has no CPU or pids reservation outside
 * swarm: refused), swap, shm, CPU shares, ulimits, devices, sysctls, OOM settings, the parent cgroup, the CPU
 * scheduler settings (cpuset, CFS and real-time period/runtime, Windows' CPU count and percent), swappiness, block IO,
 * device cgroup rules and storage options. Every one is passed to Docker as given: what the engine cannot honour (a
 * kernel without real-time group scheduling, CPU count on Linux, storage options on a driver without quotas) Docker
 * refuses when the container is created or started, and that refusal fails the apply naming the service.
 */
public final class ResourcesTranslator {

    private static final long NANOS_PER_CPU = 1_000_000_000L;

    private ResourcesTranslator() {
    }

    public static void translate(ServiceResources resources, ContainerDraft draft) {
        HostConfig host = draft.host();
        resources.limits().cpus().ifPresent(c -> host.withNanoCPUs(c.multiply(BigDecimal.valueOf(NANOS_PER_CPU)).longValue()));
        resources.limits().memory().ifPresent(m -> host.withMemory(m.bytes()));
        resources.limits().pids().ifPresent(host::withPidsLimit);
        resources.reservations().memory().ifPresent(m -> host.withMemoryReservation(m.bytes()));
        if (resources.reservations().cpus().isPresent()) {
            draft.refuse("deploy.resources.reservations.cpus: the Docker Engine has no CPU reservation outside swarm");
        }
        if (resources.reservations().pids().isPresent()) {
            draft.refuse("deploy.resources.reservations.pids: the Docker Engine has no pids reservation");
        }
        resources.memswapLimit().ifPresent(m -> host.withMemorySwap(m.bytes()));
        resources.shmSize().ifPresent(s -> host.withShmSize(s.bytes()));
        resources.cpuShares().ifPresent(s -> host.withCpuShares(Math.toIntExact(s)));
        if (!resources.ulimits().isEmpty()) {
            List<Ulimit> ulimits = new ArrayList<>();
            resources.ulimits().forEach((name, u) -> ulimits.add(new Ulimit(name, u.soft(), u.hard())));
            host.withUlimits(ulimits);
        }
        if (!resources.devices().isEmpty()) {
            host.withDevices(resources.devices().stream()
                .map(d -> new Device(d.permissions().orElse("rwm"), d.target(), d.source())).toList());
        }
        if (!resources.sysctls().isEmpty()) {
            host.withSysctls(resources.sysctls());
        }
        resources.oomScoreAdj().ifPresent(host::withOomScoreAdj);
        if (resources.oomKillDisable()) {
            host.withOomKillDisable(true);
        }
        resources.cgroupParent().ifPresent(host::withCgroupParent);
        resources.cpuset().ifPresent(host::withCpusetCpus);
        resources.cpuPeriod().ifPresent(host::withCpuPeriod);
        resources.cpuQuota().ifPresent(host::withCpuQuota);
        resources.cpuRtPeriod().ifPresent(host::withCpuRealtimePeriod);
        resources.cpuRtRuntime().ifPresent(host::withCpuRealtimeRuntime);
        resources.cpuCount().ifPresent(host::withCpuCount);
        resources.cpuPercent().ifPresent(host::withCpuPercent);
        resources.memSwappiness().ifPresent(m -> host.withMemorySwappiness(m.longValue()));
        blkio(resources.blkioConfig(), host);
        if (!resources.deviceCgroupRules().isEmpty()) {
            host.withDeviceCgroupRules(resources.deviceCgroupRules());
        }
        if (!resources.storageOpt().isEmpty()) {
            host.withStorageOpt(resources.storageOpt());
        }
    }

    private static void blkio(BlkioConfig blkio, HostConfig host) {
        blkio.weight().ifPresent(host::withBlkioWeight);
        if (!blkio.weightDevice().isEmpty()) {
            host.withBlkioWeightDevice(blkio.weightDevice().stream()
                .map(d -> new BlkioWeightDevice().withPath(d.path()).withWeight(Math.toIntExact(d.value()))).toList());
        }
        if (!blkio.deviceReadBps().isEmpty()) {
            host.withBlkioDeviceReadBps(rates(blkio.deviceReadBps()));
        }
        if (!blkio.deviceWriteBps().isEmpty()) {
            host.withBlkioDeviceWriteBps(rates(blkio.deviceWriteBps()));
        }
        if (!blkio.deviceReadIops().isEmpty()) {
            host.withBlkioDeviceReadIOps(rates(blkio.deviceReadIops()));
        }
        if (!blkio.deviceWriteIops().isEmpty()) {
            host.withBlkioDeviceWriteIOps(rates(blkio.deviceWriteIops()));
        }
    }

    private static List<BlkioRateDevice> rates(List<BlkioDeviceValue> values) {
        return values.stream().map(d -> new BlkioRateDevice().withPath(d.path()).withRate(d.value())).toList();
    }
}
