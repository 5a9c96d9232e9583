package io.coremonitor.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.Test;

class StoreConfigTest {

    @Test
    void aPasswordInTheLocationIsNeverPrinted() {
        assertThat(StoreConfig.redact("jdbc:postgresql://db:5432/cm?user=cm&password=hunter2&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/cm?user=cm&password=***&ssl=true");
        assertThat(StoreConfig.redact("jdbc:postgresql://db/cm;PASSWORD=hunter2;user=cm"))
                .isEqualTo("jdbc:postgresql://db/cm;PASSWORD=***;user=cm");
        assertThat(StoreConfig.redact("./data/coremonitor.db")).isEqualTo("./data/coremonitor.db");
        assertThat(StoreConfig.postgres("jdbc:postgresql://db/cm?password=hunter2", null, null, Clock.systemUTC()).toString())
                .contains("password=***").doesNotContain("hunter2");
    }
}
