package io.coremonitor.engine;

import static io.coremonitor.engine.EngineTests.YAML;
import static io.coremonitor.engine.EngineTests.YAML_V2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coremonitor.model.DuplicateStackNameException;
import io.coremonitor.model.InvalidDefinitionException;
import io.coremonitor.model.Stack;
import io.coremonitor.model.StackNotFoundException;
import io.coremonitor.model.StackVersion;
import io.coremonitor.model.VersionConflictException;
import io.coremonitor.model.VersionNotFoundException;
import io.coremonitor.store.PageRequest;
import io.coremonitor.store.VersionCreation;
import io.coremonitor.store.testing.MutableClock;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackServiceTest {

    @TempDir
    Path dir;
    private final MutableClock clock = MutableClock.atEpochOfTests();
    private final AtomicInteger ids = new AtomicInteger();
    private CoreMonitor cm;

    @BeforeEach
    void open() {
        cm = EngineTests.engine(dir).clock(clock).stackIds(() -> "stack-" + ids.incrementAndGet()).build();
    }

    @AfterEach
    void close() {
        cm.close();
    }

    @Test
    void createsAStackWithItsFirstVersionAndAnAuditEntry() {
        Stack stack = cm.stacks().createStack("shop", YAML, Map.of(), "alice", "first", Optional.empty());

        assertThat(stack.stackId()).isEqualTo("stack-1");
        assertThat(stack.name()).isEqualTo("shop");
        assertThat(stack.latestVersion()).contains("v1");
        assertThat(stack.currentVersion()).isEmpty();
        assertThat(stack.createdAt()).isEqualTo(clock.instant());
        StackVersion v1 = cm.stacks().version("stack-1", "v1");
        assertThat(v1.metadata().createdBy()).isEqualTo("alice");
        assertThat(cm.stacks().definition("stack-1", "v1").services()).containsOnlyKeys("web", "db");
        assertThat(cm.store().audit().list(Optional.of("stack-1"), PageRequest.first()).items())
                .extracting(a -> a.action()).containsExactly("STACK_CREATED");
    }

    @Test
    void takesTheGivenStackIdAndInterpolatesVariables() {
        String yaml = "services:\n  web:\n    image: \"busybox:${TAG}\"\n";
        Stack stack = cm.stacks().createStack("shop", yaml, Map.of("TAG", "1.36"), "alice", null, Optional.of("my-id"));

        assertThat(stack.stackId()).isEqualTo("my-id");
        assertThat(cm.stacks().definition("my-id", "v1").services().get("web").process().image()).isEqualTo("busybox:1.36");
    }

    @Test
    void refusesInvalidNamesIdsAndDefinitionsWithoutWritingAnything() {
        assertThatThrownBy(() -> cm.stacks().createStack("Shop!", YAML, Map.of(), "alice", null, Optional.empty()))
                .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> cm.stacks().createStack("shop", YAML, Map.of(), "alice", null, Optional.of("a b")))
                .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("stack_id");
        assertThatThrownBy(() -> cm.stacks().createStack("shop", "services:\n  web:\n    imagee: x\n", Map.of(),
                "alice", null, Optional.empty())).isInstanceOf(InvalidDefinitionException.class);
        assertThatThrownBy(() -> cm.stacks().createStack("shop", " ", Map.of(), "alice", null, Optional.empty()))
                .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("compose");
        assertThat(cm.stacks().list(Optional.empty(), true, PageRequest.first()).items()).isEmpty();
    }

    @Test
    void refusesADuplicateName() {
        cm.stacks().createStack("shop", YAML, Map.of(), "alice", null, Optional.empty());
        assertThatThrownBy(() -> cm.stacks().createStack("shop", YAML, Map.of(), "bob", null, Optional.empty()))
                .isInstanceOf(DuplicateStackNameException.class);
    }

    @Test
    void versionsAreCreatedOnlyWhenTheDefinitionChanges() {
        Stack stack = cm.stacks().createStack("shop", YAML, Map.of(), "alice", null, Optional.empty());

        VersionCreation same = cm.stacks().createVersion(stack.stackId(), YAML, Map.of(), "bob", "same", Optional.empty());
        assertThat(same.created()).isFalse();
        assertThat(same.version().version()).isEqualTo("v1");

        VersionCreation v2 = cm.stacks().createVersion(stack.stackId(), YAML_V2, Map.of(), "bob", "port",
                Optional.of("v1"));
        assertThat(v2.created()).isTrue();
        assertThat(v2.version().version()).isEqualTo("v2");
        assertThat(v2.version().parentVersion()).contains("v1");
        assertThat(cm.stacks().get(stack.stackId()).latestVersion()).contains("v2");
        assertThat(cm.stacks().versions(stack.stackId(), PageRequest.first()).items())
                .extracting(StackVersion::version).containsExactly("v2", "v1");
    }

    @Test
    void aParentThatIsNotTheLatestIsAConflict() {
        Stack stack = cm.stacks().createStack("shop", YAML, Map.of(), "alice", null, Optional.empty());
        cm.stacks().createVersion(stack.stackId(), YAML_V2, Map.of(), "bob", null, Optional.empty());

        assertThatThrownBy(() -> cm.stacks().createVersion(stack.stackId(), YAML, Map.of(), "carol", null,
                Optional.of("v1"))).isInstanceOf(VersionConflictException.class);
        assertThatThrownBy(() -> cm.stacks().createVersion(stack.stackId(), YAML, Map.of(), "carol", null,
                Optional.of("v9"))).isInstanceOf(VersionNotFoundException.class);
        assertThatThrownBy(() -> cm.stacks().createVersion("nope", YAML, Map.of(), "carol", null, Optional.empty()))
                .isInstanceOf(StackNotFoundException.class);
    }

    @Test
    void noVersionForADeletedStack() {
        Stack stack = cm.stacks().createStack("shop", YAML, Map.of(), "alice", null, Optional.empty());
        cm.store().stacks().markDeleted(stack.stackId());

        assertThatThrownBy(() -> cm.stacks().createVersion(stack.stackId(), YAML_V2, Map.of(), "bob", null,
                Optional.empty())).isInstanceOf(StackNotFoundException.class).hasMessageContaining("deleted");
    }
}
