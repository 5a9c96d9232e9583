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
        Optional<String> cgroupParent) {

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

        public ServiceResources build() {
            return new ServiceResources(limits, reservations, memswapLimit, shmSize, cpuShares, ulimits, devices, sysctls,
                oomScoreAdj, oomKillDisable, cgroupParent);
        }
    }
}
