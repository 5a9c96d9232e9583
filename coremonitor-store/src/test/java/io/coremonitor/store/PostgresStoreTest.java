package io.coremonitor.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.coremonitor.store.testing.MutableClock;
import io.coremonitor.store.testing.PostgresRequired;
import io.coremonitor.store.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The repository suite on a real PostgreSQL server, one fresh schema per test. */
@ExtendWith(PostgresRequired.class)
class PostgresStoreTest extends StoreContractTest {

    @Override
    protected StoreConfig freshConfig(MutableClock testClock) {
        return TestPostgres.freshConfig(testClock);
    }

    @Override
    protected void dispose(StoreConfig config) {
        config.schema().ifPresent(TestPostgres::dropSchema);
    }

    @Test
    void runsInItsOwnSchema() {
        assertThat(store.dialect()).isEqualTo(Dialect.POSTGRESQL);
        assertThat(scalar("SELECT current_schema()", String.class))
                .isEqualTo(store.config().schema().orElseThrow());
    }
}
