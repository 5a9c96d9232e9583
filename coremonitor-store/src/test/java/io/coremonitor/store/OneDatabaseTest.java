package io.coremonitor.store;

import io.coremonitor.store.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A store on a fresh, empty database for each test; the contract suites extend it and each of their subclasses says
 * which database (a SQLite file, a PostgreSQL schema).
 */
abstract class OneDatabaseTest {

    protected final MutableClock clock = MutableClock.atEpochOfTests();
    protected Store store;

    /** A fresh, empty database for one test. */
    protected abstract StoreConfig freshConfig(MutableClock testClock);

    /** Releases what {@link #freshConfig} made. */
    protected void dispose(StoreConfig config) {
    }

    @BeforeEach
    void openStore() {
        store = Store.open(freshConfig(clock));
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
            dispose(store.config());
        }
    }
}
