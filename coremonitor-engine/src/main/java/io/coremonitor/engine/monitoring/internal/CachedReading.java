package io.coremonitor.engine.monitoring.internal;

import io.micrometer.core.instrument.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One reading shared by several gauges: the first gauge read after {@code maxAge} loads it again, the others of the
 * same scrape reuse it. So a scrape costs one load (one set of count queries, one Docker list call), not one per
 * gauge. Thread-safe.
 *
 * @param <T> what is read
 */
public final class CachedReading<T> {

    private final Supplier<T> load;
    private final Clock clock;
    private final long maxAgeNanos;
    private T value;
    private long loadedAt;
    private boolean loaded;

    /**
     * @param load   reads the value (its failures are its own business: it should answer a value that says so)
     * @param clock  the registry's clock ({@link Clock#monotonicTime()})
     * @param maxAge how long a reading is reused
     */
    public CachedReading(Supplier<T> load, Clock clock, Duration maxAge) {
        this.load = Objects.requireNonNull(load, "load");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** The last reading when younger than the maximum age, else a new one. */
    public synchronized T get() {
        long now = clock.monotonicTime();
        if (!loaded || now - loadedAt >= maxAgeNanos) {
            value = load.get();
            loadedAt = now;
            loaded = true;
        }
        return value;
    }
}
