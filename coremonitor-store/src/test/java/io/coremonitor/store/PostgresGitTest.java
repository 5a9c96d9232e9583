package io.coremonitor.store;

import io.coremonitor.store.testing.MutableClock;
import io.coremonitor.store.testing.PostgresRequired;
import io.coremonitor.store.testing.TestPostgres;
import org.junit.jupiter.api.extension.ExtendWith;

/** The followed git repositories suite on a real PostgreSQL server, one fresh schema per test. */
@ExtendWith(PostgresRequired.class)
class PostgresGitTest extends GitContractTest {

    @Override
    protected StoreConfig freshConfig(MutableClock testClock) {
        return TestPostgres.freshConfig(testClock);
    }

    @Override
    protected void dispose(StoreConfig config) {
        config.schema().ifPresent(TestPostgres::dropSchema);
    }
}
