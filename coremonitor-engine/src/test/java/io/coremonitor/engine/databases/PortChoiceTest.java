package io.coremonitor.engine.databases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coremonitor.engine.databases.internal.PortChoice;
import io.coremonitor.model.PortRange;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortChoiceTest {

    private static final PortRange RANGE = new PortRange(5433, 5436);

    @Test
    void theFirstPortOfTheRangeWhenNothingTakesIt() {
        assertThat(PortChoice.firstFree(RANGE, Map.of(), Set.of())).isEqualTo(5433);
    }

    @Test
    void portsPublishedByStacksAndPortsListenedOnAreSkipped() {
        assertThat(PortChoice.firstFree(RANGE, Map.of(5433, "blog"), Set.of(5434))).isEqualTo(5435);
        assertThat(PortChoice.firstFree(RANGE, Map.of(), Set.of(5433, 80, 5435))).isEqualTo(5434);
    }

    @Test
    void aFullRangeIsAConflictSayingWhatToDo() {
        assertThatThrownBy(() -> PortChoice.firstFree(RANGE, Map.of(5433, "a", 5434, "b"), Set.of(5435, 5436)))
                .isInstanceOf(DatabaseConflictException.class).hasMessageContaining("5433-5436")
                .hasMessageContaining("--database-ports");
    }

    @Test
    void aPortAskedForMustBeFree() {
        assertThat(PortChoice.require(7000, Map.of(5433, "blog"), Set.of(5434))).isEqualTo(7000);
        assertThatThrownBy(() -> PortChoice.require(5433, Map.of(5433, "blog"), Set.of()))
                .isInstanceOf(DatabaseConflictException.class).hasMessageContaining("stack 'blog'");
        assertThatThrownBy(() -> PortChoice.require(5434, Map.of(), Set.of(5434)))
                .isInstanceOf(DatabaseConflictException.class).hasMessageContaining("process on the host");
    }
}
