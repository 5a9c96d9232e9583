package io.coremonitor.store;

import io.coremonitor.store.testing.MutableClock;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The followed git repositories suite on a SQLite file. */
class SqliteGitTest extends GitContractTest {

    @TempDir
    Path dir;

    @Override
    protected StoreConfig freshConfig(MutableClock testClock) {
        return StoreConfig.sqlite(dir.resolve("coremonitor.db"), testClock);
    }
}
