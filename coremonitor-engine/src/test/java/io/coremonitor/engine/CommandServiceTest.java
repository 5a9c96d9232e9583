package io.coremonitor.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coremonitor.model.Command;
import io.coremonitor.model.CommandNotFoundException;
import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.CommandType;
import io.coremonitor.model.IllegalTransitionException;
import io.coremonitor.model.Stack;
import io.coremonitor.model.StackNotFoundException;
import io.coremonitor.model.VersionNotFoundException;
import io.coremonitor.store.CommandFilter;
import io.coremonitor.store.PageRequest;
import io.coremonitor.store.testing.MutableClock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Validation, persistence, audit, cancel and retry through the service (no worker running). */
class CommandServiceTest {

    @TempDir
    Path dir;
    private final MutableClock clock = MutableClock.atEpochOfTests();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private CoreMonitor cm;
    private Stack stack;

    @BeforeEach
    void open() {
        cm = EngineTests.engine(dir).clock(clock)
                .listener((before, after) -> events.add(before.map(b -> b.status().name()).orElse("NONE") + ">"
                        + after.status()))
                .build();
        stack = EngineTests.stack(cm, "shop");
    }

    @AfterEach
    void close() {
        cm.close();
    }

    @Test
    void applyIsPersistedPendingWithItsAuthorPayloadLogAndAudit() {
        Command c = cm.commands().apply(stack.stackId(), "v1", false, "alice");

        assertThat(c.status()).isEqualTo(CommandStatus.PENDING);
        assertThat(c.type()).isEqualTo(CommandType.APPLY_STACK_VERSION);
        assertThat(c.attempt()).isEqualTo(1);
        assertThat(c.createdBy()).isEqualTo("alice");
        assertThat(c.createdAt()).isEqualTo(clock.instant());
        assertThat(c.payload()).isEqualTo("{\"version\":\"v1\",\"auto_rollback\":false}");
        assertThat(cm.commands().get(c.commandId())).isEqualTo(c);
        EngineTests.assertLogContains(cm, c.commandId(), "enqueued by alice");
        assertThat(cm.store().audit().list(Optional.of(stack.stackId()), PageRequest.first()).items())
                .extracting(a -> a.action()).contains("COMMAND_ENQUEUED");
        assertThat(events).containsExactly("NONE>PENDING");
        assertThat(cm.status().pending()).isEqualTo(1);
    }

    @Test
    void applyNeedsALiveStackAndAnExistingVersion() {
        assertThatThrownBy(() -> cm.commands().apply("nope", "v1", false, "alice"))
                .isInstanceOf(StackNotFoundException.class);
        assertThatThrownBy(() -> cm.commands().apply(stack.stackId(), "v2", false, "alice"))
                .isInstanceOf(VersionNotFoundException.class);
        cm.store().stacks().markDeleted(stack.stackId());
        assertThatThrownBy(() -> cm.commands().apply(stack.stackId(), "v1", false, "alice"))
                .isInstanceOf(CommandRejectedException.class).hasMessageContaining("deleted");
        assertThatThrownBy(() -> cm.commands().delete(stack.stackId(), false, "alice"))
                .isInstanceOf(CommandRejectedException.class).hasMessageContaining("deleted");
        assertThat(cm.commands().list(CommandFilter.all(), PageRequest.first()).items()).isEmpty();
    }

    @Test
    void rollbackGoesToAnotherExistingVersionThanTheCurrentOne() {
        assertThatThrownBy(() -> cm.commands().rollback(stack.stackId(), "v1", false, "alice"))
                .isInstanceOf(CommandRejectedException.class).hasMessageContaining("no current version");
        cm.stacks().createVersion(stack.stackId(), EngineTests.YAML_V2, Map.of(), "alice", null, Optional.empty());
        cm.store().stacks().setCurrentVersion(stack.stackId(), "v2");

        assertThatThrownBy(() -> cm.commands().rollback(stack.stackId(), "v2", false, "alice"))
                .isInstanceOf(CommandRejectedException.class).hasMessageContaining("already the current version");
        assertThatThrownBy(() -> cm.commands().rollback(stack.stackId(), "v3", false, "alice"))
                .isInstanceOf(VersionNotFoundException.class);
        Command c = cm.commands().rollback(stack.stackId(), "v1", true, "alice");
        assertThat(c.type()).isEqualTo(CommandType.ROLLBACK_STACK_VERSION);
        assertThat(c.payload()).isEqualTo("{\"version\":\"v1\",\"auto_rollback\":true}");
        Command again = cm.commands().rollback(stack.stackId(), "v1", false, true, "alice");
        assertThat(again.payload()).isEqualTo("{\"version\":\"v1\",\"auto_rollback\":false,\"recreate_volumes\":true}");
    }

    @Test
    void recreateVolumesIsRecordedInTheApplyPayloadOnlyWhenAsked() {
        assertThat(cm.commands().apply(stack.stackId(), "v1", true, true, "alice").payload())
                .isEqualTo("{\"version\":\"v1\",\"auto_rollback\":true,\"recreate_volumes\":true}");
        assertThat(cm.commands().apply(stack.stackId(), "v1", false, false, "alice").payload())
                .isEqualTo("{\"version\":\"v1\",\"auto_rollback\":false}");
    }

    @Test
    void runtimeActionsNameServicesOfTheCurrentVersion() {
        assertThatThrownBy(() -> cm.commands().runtimeAction(stack.stackId(), RuntimeAction.STOP, List.of(), "alice"))
                .isInstanceOf(CommandRejectedException.class).hasMessageContaining("no current version");
        cm.store().stacks().setCurrentVersion(stack.stackId(), "v1");

        assertThatThrownBy(() -> cm.commands().runtimeAction(stack.stackId(), RuntimeAction.STOP,
                List.of("web", "cache"), "alice"))
                .isInstanceOf(CommandRejectedException.class).hasMessageContaining("cache");
        Command all = cm.commands().runtimeAction(stack.stackId(), RuntimeAction.RESTART, List.of(), "alice");
        assertThat(all.payload()).isEqualTo("{\"action\":\"restart\",\"services\":[]}");
        Command web = cm.commands().runtimeAction(stack.stackId(), RuntimeAction.parse("Stop"), List.of("web"), "bob");
        assertThat(web.payload()).isEqualTo("{\"action\":\"stop\",\"services\":[\"web\"]}");
        assertThatThrownBy(() -> RuntimeAction.parse("kill")).isInstanceOf(CommandRejectedException.class);
    }

    @Test
    void nothingMoreIsAcceptedForAStackBeingDeleted() {
        Command delete = cm.commands().delete(stack.stackId(), true, "alice");
        assertThat(delete.payload()).isEqualTo("{\"remove_volumes\":true}");

        assertThatThrownBy(() -> cm.commands().apply(stack.stackId(), "v1", false, "bob"))
                .isInstanceOf(CommandRejectedException.class).hasMessageContaining("being deleted");
        cm.commands().cancel(delete.commandId(), "alice");
        assertThat(cm.commands().apply(stack.stackId(), "v1", false, "bob").status()).isEqualTo(CommandStatus.PENDING);
    }

    @Test
    void cancelOfAPendingCommandIsImmediate() {
        Command c = cm.commands().apply(stack.stackId(), "v1", false, "alice");

        Command cancelled = cm.commands().cancel(c.commandId(), "bob");

        assertThat(cancelled.status()).isEqualTo(CommandStatus.CANCELLED);
        assertThat(cancelled.error()).contains("cancelled by bob");
        assertThat(cancelled.endedAt()).contains(clock.instant());
        EngineTests.assertLogContains(cm, c.commandId(), "cancelled by bob");
        assertThat(events).containsExactly("NONE>PENDING", "PENDING>CANCELLED");
        assertThat(cm.status().pending()).isZero();
    }

    @Test
    void aCancelledFailedCommandKeepsWhyItFailed() {
        Command c = cm.commands().apply(stack.stackId(), "v1", false, "alice");
        cm.store().commands().markRunning(c.commandId());
        cm.store().commands().markFailed(c.commandId(), "Tomcat could not start context [/shop]");

        Command cancelled = cm.commands().cancel(c.commandId(), "bob");

        assertThat(cancelled.status()).isEqualTo(CommandStatus.CANCELLED);
        assertThat(cancelled.error()).contains("cancelled by bob after it failed: Tomcat could not start context [/shop]");
        EngineTests.assertLogContains(cm, c.commandId(), "cancelled by bob (was FAILED)");
    }

    @Test
    void cancelAndRetryOfFinishedCommandsAreRefused() {
        Command cancelled = cm.commands().cancel(cm.commands().apply(stack.stackId(), "v1", false, "a").commandId(), "a");
        Command done = cm.commands().apply(stack.stackId(), "v1", false, "a");
        cm.store().commands().markRunning(done.commandId());
        cm.store().commands().markDone(done.commandId());

        for (Command c : List.of(cancelled, done)) {
            assertThatThrownBy(() -> cm.commands().cancel(c.commandId(), "bob"))
                    .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("is final");
            assertThatThrownBy(() -> cm.commands().retry(c.commandId(), "bob"))
                    .isInstanceOf(IllegalTransitionException.class);
        }
        assertThatThrownBy(() -> cm.commands().cancel(999, "bob")).isInstanceOf(CommandNotFoundException.class);
        assertThatThrownBy(() -> cm.commands().retry(999, "bob")).isInstanceOf(CommandNotFoundException.class);
    }

    @Test
    void retryOnlyMovesAFailedCommandBackToPendingWithTheNextAttempt() {
        Command c = cm.commands().apply(stack.stackId(), "v1", false, "alice");
        assertThatThrownBy(() -> cm.commands().retry(c.commandId(), "bob"))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("PENDING");
        cm.store().commands().markRunning(c.commandId());
        assertThatThrownBy(() -> cm.commands().retry(c.commandId(), "bob"))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("RUNNING");
        cm.store().commands().markFailed(c.commandId(), "boom");

        Command retried = cm.commands().retry(c.commandId(), "bob");

        assertThat(retried.status()).isEqualTo(CommandStatus.PENDING);
        assertThat(retried.attempt()).isEqualTo(2);
        assertThat(retried.error()).isEmpty();
        EngineTests.assertLogContains(cm, c.commandId(), "retried by bob: attempt 2");
    }

    @Test
    void cancelOfAFailedCommandCancelsIt() {
        Command c = cm.commands().apply(stack.stackId(), "v1", false, "alice");
        cm.store().commands().markRunning(c.commandId());
        cm.store().commands().markFailed(c.commandId(), "boom");

        assertThat(cm.commands().cancel(c.commandId(), "bob").status()).isEqualTo(CommandStatus.CANCELLED);
    }

    @Test
    void cancelOfARunningCommandOnlyRequestsIt() {
        Command c = cm.commands().apply(stack.stackId(), "v1", false, "alice");
        cm.store().commands().markRunning(c.commandId());

        Command after = cm.commands().cancel(c.commandId(), "bob");

        assertThat(after.status()).isEqualTo(CommandStatus.RUNNING);
        EngineTests.assertLogContains(cm, c.commandId(), "cancel requested by bob");
    }

    /** Every (from, to) pair of statuses: the state machine's answer is the store's. */
    @ParameterizedTest
    @EnumSource(CommandStatus.class)
    void everyTransitionFromEachStatusIsCheckedByTheStateMachine(CommandStatus from) {
        List<CommandStatus> refused = new ArrayList<>();
        for (CommandStatus to : CommandStatus.values()) {
            Command c = commandIn(from);
            try {
                Command moved = cm.store().commands().transition(c.commandId(), from, to, Optional.of("x"));
                assertThat(from.canMoveTo(to)).as(from + " -> " + to).isTrue();
                assertThat(moved.status()).isEqualTo(to);
            } catch (IllegalTransitionException e) {
                assertThat(from.canMoveTo(to)).as(from + " -> " + to).isFalse();
                assertThat(cm.commands().get(c.commandId()).status()).isEqualTo(from);
                refused.add(to);
            }
        }
        List<CommandStatus> expected = new ArrayList<>(List.of(CommandStatus.values()));
        expected.removeAll(from.next());
        assertThat(refused).containsExactlyElementsOf(expected);
    }

    private Command commandIn(CommandStatus status) {
        Command c = cm.commands().apply(stack.stackId(), "v1", false, "t");
        long id = c.commandId();
        switch (status) {
            case PENDING -> {
            }
            case RUNNING -> cm.store().commands().markRunning(id);
            case DONE -> {
                cm.store().commands().markRunning(id);
                cm.store().commands().markDone(id);
            }
            case FAILED -> {
                cm.store().commands().markRunning(id);
                cm.store().commands().markFailed(id, "boom");
            }
            case CANCELLED -> cm.commands().cancel(id, "t");
            default -> throw new IllegalArgumentException(status.name());
        }
        return cm.commands().get(id);
    }
}
