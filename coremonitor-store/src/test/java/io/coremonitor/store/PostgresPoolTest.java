package io.coremonitor.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.coremonitor.store.internal.ConnectionPool;
import io.coremonitor.store.testing.MutableClock;
import io.coremonitor.store.testing.PostgresRequired;
import io.coremonitor.store.testing.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The store's pool bounds the PostgreSQL connections it holds, however many callers there are. */
@ExtendWith(PostgresRequired.class)
class PostgresPoolTest {

    private static final int POOL_SIZE = 5;
    private static final int READERS = 200;
    private static final int READS_EACH = 5;

    private StoreConfig config;

    @AfterEach
    void dropSchema() {
        if (config != null) {
            TestPostgres.dropSchema(config.schema().orElseThrow());
        }
    }

    @Test
    void twoHundredConcurrentReadersHoldAtMostThePoolSizeOfConnections() throws Exception {
        // a long connection timeout: 200 threads on a busy machine may wait long for one of the 5 connections, and
        // this test is about how many connections there are, not how fast they are lent
        config = TestPostgres.freshConfig(MutableClock.atEpochOfTests()).withPoolSize(POOL_SIZE)
                .withConnectionTimeout(Duration.ofSeconds(60));
        String applicationName = ConnectionPool.applicationName(config);
        try (Store store = Store.open(config);
                Connection monitor = DriverManager.getConnection(TestPostgres.url());
                PreparedStatement count = monitor.prepareStatement(
                        "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = ?")) {
            store.stacks().create("s1", "web");
            count.setString(1, applicationName);
            CountDownLatch go = new CountDownLatch(1);
            AtomicInteger reads = new AtomicInteger();
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            List<Thread> readers = new ArrayList<>();
            for (int i = 0; i < READERS; i++) {
                Thread t = new Thread(() -> {
                    try {
                        go.await();
                        for (int r = 0; r < READS_EACH; r++) {
                            assertThat(store.stacks().get("s1")).isPresent();
                            reads.incrementAndGet();
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                });
                t.start();
                readers.add(t);
            }
            AtomicBoolean done = new AtomicBoolean();
            int most = 0;
            int samples = 0;
            go.countDown();
            Thread waiter = new Thread(() -> {
                readers.forEach(PostgresPoolTest::join);
                done.set(true);
            });
            waiter.start();
            while (!done.get()) {
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    most = Math.max(most, rs.getInt(1));
                    samples++;
                }
            }
            waiter.join();
            assertThat(failures).isEmpty();
            assertThat(reads.get()).isEqualTo(READERS * READS_EACH);
            assertThat(samples).isPositive();
            assertThat(most).as("connections of %s seen in pg_stat_activity", applicationName)
                    .isPositive().isLessThanOrEqualTo(POOL_SIZE);
        }
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
