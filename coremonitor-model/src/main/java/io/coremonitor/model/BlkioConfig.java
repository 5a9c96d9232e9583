package io.coremonitor.model;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A service's {@code blkio_config}: the block IO weight and per-device weights and limits. Lists are sorted by device
 * path, so equal meanings give equal records.
 *
 * @param weight          relative block IO weight (10..1000)
 * @param weightDevice    per-device weights (10..1000)
 * @param deviceReadBps   per-device read limits in bytes per second
 * @param deviceWriteBps  per-device write limits in bytes per second
 * @param deviceReadIops  per-device read limits in operations per second
 * @param deviceWriteIops per-device write limits in operations per second
 */
public record BlkioConfig(
        Optional<Integer> weight,
        List<BlkioDeviceValue> weightDevice,
        List<BlkioDeviceValue> deviceReadBps,
        List<BlkioDeviceValue> deviceWriteBps,
        List<BlkioDeviceValue> deviceReadIops,
        List<BlkioDeviceValue> deviceWriteIops) {

    /** No block IO setting. */
    public static final BlkioConfig NONE = new BlkioConfig(Optional.empty(), List.of(), List.of(), List.of(), List.of(), List.of());

    public BlkioConfig {
        Objects.requireNonNull(weight, "weight");
        weightDevice = sorted(weightDevice);
        deviceReadBps = sorted(deviceReadBps);
        deviceWriteBps = sorted(deviceWriteBps);
        deviceReadIops = sorted(deviceReadIops);
        deviceWriteIops = sorted(deviceWriteIops);
    }

    /** Whether nothing is set. */
    public boolean isEmpty() {
        return equals(NONE);
    }

    private static List<BlkioDeviceValue> sorted(List<BlkioDeviceValue> values) {
        return values.stream().sorted(Comparator.comparing(BlkioDeviceValue::path).thenComparingLong(BlkioDeviceValue::value))
            .toList();
    }

    /**
     * One device entry of {@code blkio_config}.
     *
     * @param path  the host device path
     * @param value the weight, bytes per second or operations per second
     */
    public record BlkioDeviceValue(String path, long value) {

        public BlkioDeviceValue {
            Objects.requireNonNull(path, "path");
        }
    }
}
