package io.coremonitor.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.coremonitor.model.Command;
import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.CommandType;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The structured line logged (logger io.coremonitor.engine.transitions) at every command status change. */
class TransitionsTest {

    private static Command command(CommandStatus status, Optional<String> error) {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        return new Command(42, "stack-1", CommandType.APPLY_STACK_VERSION, "{}", status, 2, t, Optional.of(t),
            Optional.of(t.plusSeconds(3)), "alice", error);
    }

    @Test
    void theLineHasEveryKeyValuePair() {
        String line = Transitions.line(Optional.of(command(CommandStatus.RUNNING, Optional.empty())),
            command(CommandStatus.FAILED, Optional.of("port \"8080\" in use\nsecond line")), Optional.of(3000L), "engine-x");
        assertThat(line).isEqualTo("command_transition id=42 type=APPLY_STACK_VERSION stack=stack-1 from=RUNNING to=FAILED"
            + " attempt=2 duration_ms=3000 by=engine-x error=\"port '8080' in use\\nsecond line\"");
    }

    @Test
    void anEnqueueHasNoPreviousStatusNorDuration() {
        String line = Transitions.line(Optional.empty(), command(CommandStatus.PENDING, Optional.empty()), Optional.empty(),
            "alice");
        assertThat(line).isEqualTo("command_transition id=42 type=APPLY_STACK_VERSION stack=stack-1 from=NONE to=PENDING"
            + " attempt=2 by=alice");
    }
}
