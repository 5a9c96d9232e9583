package io.coremonitor.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a service's container may use of the host. Build it with {@link #builder()}: several components share a type,
 * and named setters keep them apart.
 *
 * @param limits         resource limits
 * @param reservations   resource reservations
 * @param memswapLimit   memory+swap limit ({@code -1}: unlimited)
 * @param shmSize        size of /dev/shm
 * @param cpuShares      relative CPU weight
 * @param ulimits        ulimits by name
 * @param devices        device mappings
 * @param sysctls        kernel parameters
 * @param oomScoreAdj    OOM score adjustment (-1000..1000)
 * @param oomKillDisable disable the OOM killer
 * @param cgroupParent   parent cgroup
 * @param cpuset         CPUs the container may run on ({@code 0-3,5})
 * @param cpuPeriod      CPU CFS period in microseconds
 * @param cpuQuota       CPU CFS quota in microseconds ({@code -1}: none)
 * @param cpuRtPeriod    CPU real-time period in microseconds
 * @param cpuRtRuntime   CPU real-time runtime in microseconds
 * @param cpuCount       usable CPUs (Windows)
 * @param cpuPercent     usable percentage of the CPUs (Windows)
 * @param memSwappiness  swappiness of the container's memory (0..100)
 * @param blkioConfig    block IO weights and limits
 * @param deviceCgroupRules device cgroup rules ({@code c 1:3 mr})
 * @param storageOpt     storage driver options
 */
public record ServiceResources(
        Resources limits,
        Resources reservations,
        Optional<ByteSize> memswapLimit,
        Optional<ByteSize> shmSize,
        Optional<Long> cpuShares,
        Map<String, Ulimit> ulimits,
        List<DeviceMapping> devices,
        Map<String, String> sysctls,
        Optional<Integer> oomScoreAdj,
        boolean oomKillDisable,
        Optional<String> cgroupParent,
        Optional<String> cpuset,
        Optional<Long> cpuPeriod,
        Optional<Long> cpuQuota,
        Optional<Long> cpuRtPeriod,
        Optional<Long> cpuRtRuntime,
        Optional<Long> cpuCount,
        Optional<Long> cpuPercent,
        Optional<Integer> memSwappiness,
        BlkioConfig blkioConfig,
        List<String> deviceCgroupRules,
        Map<String, String> storageOpt) {

    public ServiceResources {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(reservations, "reservations");
        Objects.requireNonNull(memswapLimit, "memswapLimit");
        Objects.requireNonNull(shmSize, "shmSize");
        Objects.requireNonNull(cpuShares, "cpuShares");
        ulimits = ModelCollections.sortedMap(ulimits);
        devices = List.copyOf(devices);
        sysctls = ModelCollections.sortedMap(sysctls);
        Objects.requireNonNull(oomScoreAdj, "oomScoreAdj");
        Objects.requireNonNull(cgroupParent, "cgroupParent");
        Objects.requireNonNull(cpuset, "cpuset");
        Objects.requireNonNull(cpuPeriod, "cpuPeriod");
        Objects.requireNonNull(cpuQuota, "cpuQuota");
        Objects.requireNonNull(cpuRtPeriod, "cpuRtPeriod");
        Objects.requireNonNull(cpuRtRuntime, "cpuRtRuntime");
        Objects.requireNonNull(cpuCount, "cpuCount");
        Objects.requireNonNull(cpuPercent, "cpuPercent");
        Objects.requireNonNull(memSwappiness, "memSwappiness");
        Objects.requireNonNull(blkioConfig, "blkioConfig");
        deviceCgroupRules = ModelCollections.sortedList(deviceCgroupRules);
        storageOpt = ModelCollections.sortedMap(storageOpt);
    }

    /** A builder with no limit, no reservation and every other component empty. */
    public static Builder builder() {
        return new Builder();
    }

    /** Named setters for {@link ServiceResources}. */
    public static final class Builder {
        private Resources limits = Resources.NONE;
        private Resources reservations = Resources.NONE;
        private Optional<ByteSize> memswapLimit = Optional.empty();
        private Optional<ByteSize> shmSize = Optional.empty();
        private Optional<Long> cpuShares = Optional.empty();
        private Map<String, Ulimit> ulimits = Map.of();
        private List<DeviceMapping> devices = List.of();
        private Map<String, String> sysctls = Map.of();
        private Optional<Integer> oomScoreAdj = Optional.empty();
        private boolean oomKillDisable;
        private Optional<String> cgroupParent = Optional.empty();
        private Optional<String> cpuset = Optional.empty();
        private Optional<Long> cpuPeriod = Optional.empty();
        private Optional<Long> cpuQuota = Optional.empty();
        private Optional<Long> cpuRtPeriod = Optional.empty();
        private Optional<Long> cpuRtRuntime = Optional.empty();
        private Optional<Long> cpuCount = Optional.empty();
        private Optional<Long> cpuPercent = Optional.empty();
        private Optional<Integer> memSwappiness = Optional.empty();
        private BlkioConfig blkioConfig = BlkioConfig.NONE;
        private List<String> deviceCgroupRules = List.of();
        private Map<String, String> storageOpt = Map.of();

        private Builder() {
        }

        public Builder limits(Resources value) {
            limits = value;
            return this;
        }

        public Builder reservations(Resources value) {
            reservations = value;
            return this;
        }

        public Builder memswapLimit(Optional<ByteSize> value) {
            memswapLimit = value;
            return this;
        }

        public Builder shmSize(Optional<ByteSize> value) {
            shmSize = value;
            return this;
        }

        public Builder cpuShares(Optional<Long> value) {
            cpuShares = value;
            return this;
        }

        public Builder ulimits(Map<String, Ulimit> value) {
            ulimits = value;
            return this;
        }

        public Builder devices(List<DeviceMapping> value) {
            devices = value;
            return this;
        }

        public Builder sysctls(Map<String, String> value) {
            sysctls = value;
            return this;
        }

        public Builder oomScoreAdj(Optional<Integer> value) {
            oomScoreAdj = value;
            return this;
        }

        public Builder oomKillDisable(boolean value) {
            oomKillDisable = value;
            return this;
        }

        public Builder cgroupParent(Optional<String> value) {
            cgroupParent = value;
            return this;
        }

        public Builder cpuset(Optional<String> value) {
            cpuset = value;
            return this;
        }

        public Builder cpuPeriod(Optional<Long> value) {
            cpuPeriod = value;
            return this;
        }

        public Builder cpuQuota(Optional<Long> value) {
            cpuQuota = value;
            return this;
        }

        public Builder cpuRtPeriod(Optional<Long> value) {
            cpuRtPeriod = value;
            return this;
        }

        public Builder cpuRtRuntime(Optional<Long> value) {
            cpuRtRuntime = value;
            return this;
        }

        public Builder cpuCount(Optional<Long> value) {
            cpuCount = value;
            return this;
        }

        public Builder cpuPercent(Optional<Long> value) {
            cpuPercent = value;
            return this;
        }

        public Builder memSwappiness(Optional<Integer> value) {
            memSwappiness = value;
            return this;
        }

        public Builder blkioConfig(BlkioConfig value) {
            blkioConfig = value;
            return this;
        }

        public Builder deviceCgroupRules(List<String> value) {
            deviceCgroupRules = value;
            return this;
        }

        public Builder storageOpt(Map<String, String> value) {
            storageOpt = value;
            return this;
        }

        public ServiceResources build() {
            return new ServiceResources(limits, reservations, memswapLimit, shmSize, cpuShares, ulimits, devices, sysctls,
                oomScoreAdj, oomKillDisable, cgroupParent, cpuset, cpuPeriod, cpuQuota, cpuRtPeriod, cpuRtRuntime, cpuCount,
                cpuPercent, memSwappiness, blkioConfig, deviceCgroupRules, storageOpt);
        }
    }
}
