package io.coremonitor.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.SQLExceptionOverride;
import io.coremonitor.store.StorageFullException;
import io.coremonitor.store.StoreException;
import io.coremonitor.store.StoreUnavailableException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.jdbi.v3.core.ConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/** Real driver errors (no mocks) and how the store classifies them. */
class StorageFaultsTest {

    @TempDir
    Path dir;

    @Test
    void aWriteOnAReadOnlySqliteConnectionIsAStorageFaultThatEvicts() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("ro.db");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (x INTEGER)");
        }
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setOpenMode(SQLiteOpenMode.READONLY);
        readOnly.resetOpenMode(SQLiteOpenMode.READWRITE);
        readOnly.resetOpenMode(SQLiteOpenMode.CREATE);
        try (Connection c = readOnly.createConnection(url); Statement s = c.createStatement()) {
            SQLException e = catchThrowableOfType(SQLException.class, () -> s.execute("INSERT INTO t VALUES (1)"));
            assertThat(StorageFaults.classify(e)).isEqualTo(StorageFaults.Kind.UNAVAILABLE);
            assertThat(new StorageFaults().adjudicate(e)).isEqualTo(SQLExceptionOverride.Override.MUST_EVICT);
            StoreException translated = StorageFaults.translate(new ConnectionException(e));
            assertThat(translated).isInstanceOf(StoreUnavailableException.class).isNotInstanceOf(StorageFullException.class)
                    .hasMessageContaining("unavailable").hasMessageContaining("readonly");
        }
    }

    @Test
    void aConstraintViolationIsNeitherAFaultNorAReasonToEvict() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("c.db"));
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (x INTEGER PRIMARY KEY)");
            s.execute("INSERT INTO t VALUES (1)");
            SQLException e = catchThrowableOfType(SQLException.class, () -> s.execute("INSERT INTO t VALUES (1)"));
            assertThat(StorageFaults.classify(e)).isEqualTo(StorageFaults.Kind.OTHER);
            assertThat(new StorageFaults().adjudicate(e)).isEqualTo(SQLExceptionOverride.Override.CONTINUE_EVICT);
            StoreException translated = StorageFaults.translate(new ConnectionException(e));
            assertThat(translated).isExactlyInstanceOf(StoreException.class);
            assertThat(SqlErrors.isUniqueViolation(translated)).isTrue();
        }
    }

    @Test
    void anUnreachablePostgresIsUnavailableAndItsPasswordIsNeverInTheMessage() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/db?user=u&password=hunter2&connectTimeout=2";
        SQLException e = catchThrowableOfType(SQLException.class, () -> DriverManager.getConnection(url).close());
        assertThat(StorageFaults.classify(e)).isEqualTo(StorageFaults.Kind.UNAVAILABLE);
        StoreException translated = StorageFaults.unreachable("cannot connect to jdbc:postgresql://127.0.0.1/db?password=***", e);
        assertThat(translated).isInstanceOf(StoreUnavailableException.class).hasMessageNotContaining("hunter2");
    }
}
