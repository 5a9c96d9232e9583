package io.coremonitor.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coremonitor.model.Command;
import io.coremonitor.model.CommandType;
import io.coremonitor.store.testing.MutableClock;
import io.coremonitor.store.testing.Tmpfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real storage faults under a running SQLite store: a full disk, a lock held by another process past the busy
 * timeout, the database file moved away (and a read-only file system, at opening). Each time the failing write throws the precise
 * exception, health says so, what was stored is still readable, and once the fault ends the next write succeeds on
 * the same store with every earlier row intact.
 */
class SqliteStorageFaultsTest {

    private static final Duration BUSY_TIMEOUT = Duration.ofMillis(300);
    private static final int FILL_ATTEMPTS = 2_000;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    private StoreConfig config(Path file) {
        return StoreConfig.sqlite(file, clock).withBusyTimeout(BUSY_TIMEOUT).withPoolSize(4);
    }

    @Test
    void aFullDiskRefusesWritesWithStorageFullAndWritesRecoverOnceSpaceIsFreed() throws Exception {
        try (Tmpfs fs = Tmpfs.mount("4m"); Store store = Store.open(config(fs.dir().resolve("cm.db")))) {
            List<Command> stored = storeSome(store, 10);
            fs.fill();
            StorageFullException full = null;
            for (int i = 0; i < FILL_ATTEMPTS && full == null; i++) {
                try {
                    stored.add(store.commands().enqueue(command(8 * 1024)));
                } catch (StorageFullException e) {
                    full = e;
                }
            }
            assertThat(full).as("a write on the full disk").isNotNull();
            assertThat(full).hasMessageContaining("full");
            StoreHealth health = store.health();
            assertThat(health.status()).isEqualTo(StoreHealth.Status.DEGRADED);
            assertThat(health.reason()).get().asString().contains("full");
            assertThatThrownBy(() -> store.commands().enqueue(command(64 * 1024))).isInstanceOf(StorageFullException.class);
            assertAllThere(store, stored);

            fs.free();

            stored.add(store.commands().enqueue(command(64 * 1024)));
            assertThat(store.health()).isEqualTo(StoreHealth.up());
            assertAllThere(store, stored);
        }
    }

    /**
     * A read-only file system. The kernel refuses to remount a tmpfs read-only while SQLite holds its files open for
     * writing (EBUSY), and a bind mount made read-only does not reach files already open: so the fault is staged where
     * it can be, at connection opening. A WAL database cannot be opened at all on a read-only file system (its
     * {@code -shm} needs writing): the store refuses to open with a {@link StoreUnavailableException} naming the cause,
     * and opens with every row once the file system is writable again.
     */
    @Test
    void aStoreOnAReadOnlyFileSystemIsUnavailableAndOpensWithEveryRowOnceWritable() throws Exception {
        try (Tmpfs fs = Tmpfs.mount("8m")) {
            Path file = fs.dir().resolve("cm.db");
            List<Command> stored;
            try (Store first = Store.open(config(file))) {
                stored = storeSome(first, 5);
            }
            fs.makeReadOnly();
            try {
                assertThatThrownBy(() -> Store.open(config(file)))
                        .isInstanceOf(StoreUnavailableException.class)
                        .isNotInstanceOf(StorageFullException.class)
                        .hasMessageContaining("unavailable")
                        .hasMessageContaining("open");
            } finally {
                fs.makeWritable();
            }
            try (Store store = Store.open(config(file))) {
                assertAllThere(store, stored);
                stored.add(store.commands().enqueue(command(10)));
                assertThat(store.health()).isEqualTo(StoreHealth.up());
                assertAllThere(store, stored);
            }
        }
    }

    @Test
    void aLockHeldByAnotherProcessPastTheBusyTimeoutIsUnavailableUntilReleased(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cm.db");
        try (Store store = Store.open(config(file)); Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = other.createStatement()) {
            List<Command> stored = storeSome(store, 5);
            s.execute("BEGIN EXCLUSIVE");
            s.execute("UPDATE store_probe SET probed_at = 1");

            assertThatThrownBy(() -> store.commands().enqueue(command(10)))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("locked");
            StoreHealth health = store.health();
            assertThat(health.status()).isEqualTo(StoreHealth.Status.DEGRADED);
            assertThat(health.reason()).get().asString().contains("locked");
            assertAllThere(store, stored);

            s.execute("ROLLBACK");

            stored.add(store.commands().enqueue(command(10)));
            assertThat(store.health()).isEqualTo(StoreHealth.up());
            assertAllThere(store, stored);
        }
    }

    @Test
    void aDatabaseFileMovedAwayRefusesWritesUntilItIsBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cm.db");
        Path away = dir.resolve("cm.db.moved");
        try (Store store = Store.open(config(file))) {
            List<Command> stored = storeSome(store, 5);
            Files.move(file, away);

            assertThatThrownBy(() -> store.commands().enqueue(command(10)))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("missing");
            StoreHealth health = store.health();
            assertThat(health.status()).isEqualTo(StoreHealth.Status.DEGRADED);
            assertThat(health.reason()).get().asString().contains("missing");
            assertAllThere(store, stored);
            assertThat(file).doesNotExist();

            Files.move(away, file);

            stored.add(store.commands().enqueue(command(10)));
            assertThat(store.health()).isEqualTo(StoreHealth.up());
            assertAllThere(store, stored);
        }
    }

    private List<Command> storeSome(Store store, int commands) {
        store.stacks().create("s1", "web");
        List<Command> stored = new ArrayList<>();
        for (int i = 0; i < commands; i++) {
            stored.add(store.commands().enqueue(command(100)));
        }
        return stored;
    }

    private static NewCommand command(int padding) {
        return new NewCommand("s1", CommandType.APPLY_STACK_VERSION,
                "{\"version\":\"v1\",\"pad\":\"" + "x".repeat(padding) + "\"}", "alice");
    }

    private static void assertAllThere(Store store, List<Command> stored) {
        for (Command c : stored) {
            assertThat(store.commands().get(c.commandId())).as("command " + c.commandId()).contains(c);
        }
    }
}
