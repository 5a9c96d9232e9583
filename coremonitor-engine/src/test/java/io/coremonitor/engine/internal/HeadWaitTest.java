package io.coremonitor.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.coremonitor.model.Command;
import io.coremonitor.model.CommandLogLine;
import io.coremonitor.model.CommandType;
import io.coremonitor.store.NewCommand;
import io.coremonitor.store.Store;
import io.coremonitor.store.StoreConfig;
import io.coremonitor.store.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The head of the queue waiting for its executor: the reason shown, and one log line when it starts and stops. */
class HeadWaitTest {

    private final MutableClock clock = MutableClock.atEpochOfTests();
    private Store store;
    private HeadWait wait;
    private Command first;
    private Command second;

    @BeforeEach
    void open(@TempDir Path dir) {
        store = Store.open(StoreConfig.sqlite(dir.resolve("cm.db"), clock));
        store.stacks().create("s1", "s1");
        first = store.commands().enqueue(new NewCommand("s1", CommandType.APPLY_STACK_VERSION, "{\"version\":\"v1\"}",
                "test"));
        second = store.commands().enqueue(new NewCommand("s1", CommandType.APPLY_STACK_VERSION, "{\"version\":\"v1\"}",
                "test"));
        wait = new HeadWait(clock, new CommandJournal(store, new Listeners(), "worker-test"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aWaitingHeadIsToldOnceAndShowsTheLatestReason() {
        assertThat(wait.reason()).isEmpty();
        wait.waitFor(first, "Docker is unreachable at unix:///x.sock: refused");
        wait.waitFor(first, "Docker is unreachable at unix:///x.sock: timed out");
        assertThat(wait.reason()).contains("Docker is unreachable at unix:///x.sock: timed out");
        assertThat(messages(first)).containsExactly(
                "waiting to start: Docker is unreachable at unix:///x.sock: refused; it starts when this is over");
    }

    @Test
    void theHeadThatWaitedIsToldHowLongWhenItStarts() {
        wait.waitFor(first, "Docker is unreachable");
        clock.advance(Duration.ofMillis(1500));
        wait.stop(Optional.of(first));
        assertThat(wait.reason()).isEmpty();
        assertThat(messages(first)).last().isEqualTo("no longer waiting after 1500 ms: starting");
    }

    @Test
    void anotherHeadOrAnEmptyQueueEndsTheWaitWithoutALineForIt() {
        wait.waitFor(first, "Docker is unreachable");
        wait.stop(Optional.of(second));
        assertThat(wait.reason()).isEmpty();
        assertThat(messages(first)).hasSize(1);
        assertThat(messages(second)).isEmpty();

        wait.waitFor(second, "Docker is unreachable");
        wait.stop(Optional.empty());
        assertThat(wait.reason()).isEmpty();
        assertThat(messages(second)).hasSize(1);
    }

    @Test
    void aNewHeadWaitingIsToldAgain() {
        wait.waitFor(first, "Docker is unreachable");
        wait.waitFor(second, "Docker is unreachable");
        assertThat(messages(first)).hasSize(1);
        assertThat(messages(second)).hasSize(1);
    }

    private List<String> messages(Command command) {
        return store.commandLogs().read(command.commandId()).stream().map(CommandLogLine::message)
                .filter(m -> m.startsWith("waiting") || m.startsWith("no longer")).toList();
    }
}
