package io.coremonitor.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.coremonitor.store.testing.MutableClock;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository suite on a SQLite file. */
class SqliteStoreTest extends StoreContractTest {

    @TempDir
    Path dir;

    @Override
    protected StoreConfig freshConfig(MutableClock testClock) {
        return StoreConfig.sqlite(dir.resolve("sub/dir/coremonitor.db"), testClock);
    }

    @Test
    void usesWalModeAndForeignKeys() {
        assertThat(scalar("PRAGMA journal_mode", String.class))
                .isEqualToIgnoringCase("wal");
        assertThat(scalar("PRAGMA foreign_keys", Integer.class))
                .isEqualTo(1);
        assertThat(scalar("PRAGMA busy_timeout", Integer.class))
                .isEqualTo(Store.SQLITE_BUSY_TIMEOUT_MILLIS);
        assertThat(store.dialect()).isEqualTo(Dialect.SQLITE);
    }
}
