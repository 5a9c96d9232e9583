package io.coremonitor.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.coremonitor.model.Command;
import io.coremonitor.model.CommandType;
import io.coremonitor.store.testing.MutableClock;
import io.coremonitor.store.testing.PrivatePostgres;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL restart under traffic, on a private server the test stops and starts: while it is down every failure
 * is a {@link StoreUnavailableException} and health is DOWN; once it is back, reads and writes succeed on the same
 * store by themselves, and every command accepted before, during and after is there.
 */
class PostgresRestartTest {

    private static final Duration RECOVERY = Duration.ofSeconds(30);

    @Test
    void theStoreRecoversByItselfAfterARestartAndLosesNothingItAccepted() throws Exception {
        try (PrivatePostgres pg = PrivatePostgres.start();
                Store store = Store.open(StoreConfig.of(pg.url(), MutableClock.atEpochOfTests()).withSchema("cm")
                        .withPoolSize(4).withConnectionTimeout(Duration.ofSeconds(1)))) {
            store.stacks().create("s1", "web");
            List<Command> accepted = new CopyOnWriteArrayList<>();
            ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
            AtomicInteger unavailable = new AtomicInteger();
            AtomicInteger writesOk = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            Runnable writer = () -> {
                while (!stop.get()) {
                    try {
                        accepted.add(store.commands().enqueue(new NewCommand("s1", CommandType.APPLY_STACK_VERSION,
                                "{\"version\":\"v1\"}", "alice")));
                        writesOk.incrementAndGet();
                    } catch (StoreUnavailableException e) {
                        unavailable.incrementAndGet();
                        pause();
                    } catch (Throwable e) {
                        unexpected.add(e);
                    }
                }
            };
            Runnable reader = () -> {
                while (!stop.get()) {
                    try {
                        store.stacks().get("s1").orElseThrow();
                        store.commands().snapshot();
                    } catch (StoreUnavailableException e) {
                        unavailable.incrementAndGet();
                        pause();
                    } catch (Throwable e) {
                        unexpected.add(e);
                    }
                }
            };
            List<Thread> traffic = List.of(new Thread(writer), new Thread(writer), new Thread(reader), new Thread(reader));
            traffic.forEach(Thread::start);
            waitFor(writesOk::get, n -> n > 20, "writes before the restart");

            pg.stop();
            int failedBefore = unavailable.get();
            waitFor(unavailable::get, n -> n > failedBefore + 10, "failures while PostgreSQL is down");
            StoreHealth down = store.health();
            assertThat(down.status()).isEqualTo(StoreHealth.Status.DOWN);
            assertThat(down.reason()).get().asString().contains("unavailable").doesNotContain("password");

            pg.startServer();
            int okAfterRestart = writesOk.get();
            waitFor(writesOk::get, n -> n > okAfterRestart + 20, "writes after the restart");
            stop.set(true);
            for (Thread t : traffic) {
                t.join();
            }

            assertThat(unexpected).isEmpty();
            assertThat(store.health()).isEqualTo(StoreHealth.up());
            for (Command c : accepted) {
                assertThat(store.commands().get(c.commandId())).as("command " + c.commandId()).contains(c);
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitFor(IntSupplier counter, Predicate<Integer> enough, String what) {
        Awaitility.await(what).atMost(RECOVERY).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                .pollInSameThread().until(counter::getAsInt, enough);
    }
}
