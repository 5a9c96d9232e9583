package io.coremonitor.engine.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MockClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachedReadingTest {

    @Test
    void aReadingServesUntilItIsOlderThanItsMaximumAge() {
        MockClock clock = new MockClock();
        AtomicInteger loads = new AtomicInteger();
        CachedReading<Integer> reading = new CachedReading<>(loads::incrementAndGet, clock, Duration.ofSeconds(1));
        assertThat(loads).hasValue(0);
        assertThat(reading.get()).isEqualTo(1);
        assertThat(reading.get()).isEqualTo(1);
        clock.add(Duration.ofMillis(999));
        assertThat(reading.get()).isEqualTo(1);
        clock.add(Duration.ofMillis(1));
        assertThat(reading.get()).isEqualTo(2);
        assertThat(reading.get()).isEqualTo(2);
        assertThat(loads).hasValue(2);
    }
}
