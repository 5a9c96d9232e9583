package io.coremonitor.docker.internal.translation;

import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ulimit;
import io.coremonitor.model.ServiceResources;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates {@link ServiceResources}: limits, the memory reservation (the engine has no CPU or pids reservation outside
 * swarm: refused), swap, shm, CPU shares, ulimits, devices, sysctls, OOM settings and the parent cgroup.
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
    }
}
