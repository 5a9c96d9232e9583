package io.coremonitor.model;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * Resource limits or reservations of a service; the service-level keys ({@code cpus}, {@code mem_limit},
 * {@code mem_reservation}, {@code pids_limit}) and {@code deploy.resources} fill the same record.
 *
 * @param cpus   number of CPUs (fractional allowed)
 * @param memory memory
 * @param pids   maximum number of processes ({@code -1}: unlimited)
 */
public record Resources(Optional<BigDecimal> cpus, Optional<ByteSize> memory, Optional<Long> pids) {

    public static final Resources NONE = new Resources(Optional.empty(), Optional.empty(), Optional.empty());

    public Resources {
        Objects.requireNonNull(cpus, "cpus");
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(pids, "pids");
        cpus = cpus.map(c -> new BigDecimal(c.stripTrailingZeros().toPlainString()));
    }

    public boolean isEmpty() {
        return cpus.isEmpty() && memory.isEmpty() && pids.isEmpty();
    }
}
