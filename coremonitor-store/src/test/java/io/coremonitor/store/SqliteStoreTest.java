package io.coremonitor.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.coremonitor.store.testing.MutableClock;
import java.nio.file.Path;
import java.util.List;
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
                .isEqualTo((int) StoreConfig.DEFAULT_BUSY_TIMEOUT.toMillis());
        assertThat(store.dialect()).isEqualTo(Dialect.SQLITE);
    }

    @Test
    void theQueueHeadQueriesUseThePartialIndex() {
        List<String> details = store.jdbi().withHandle(h -> h.createQuery("EXPLAIN QUERY PLAN SELECT command_id"
                + " FROM commands WHERE status = 'PENDING' AND status IN ('PENDING', 'RUNNING', 'FAILED')"
                + " ORDER BY command_id LIMIT 1").map((rs, ctx) -> rs.getString("detail")).list());
        String plan = String.join(" ", details);
        assertThat(plan).contains("ix_commands_unfinished");
    }
}
