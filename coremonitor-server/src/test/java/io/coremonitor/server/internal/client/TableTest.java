package io.coremonitor.server.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void columnsAreAlignedTheLastNotPaddedEmptyCellsDashed() {
        Table t = new Table("NAME", "STATE", "COMMENT").row("shop", "RUNNING", "first").row("a-much-longer-name", null, "")
            .row("x", "DEGRADED", "with spaces in it");
        assertThat(t.lines()).containsExactly(
            "NAME                 STATE      COMMENT",
            "shop                 RUNNING    first",
            "a-much-longer-name   -          -",
            "x                    DEGRADED   with spaces in it");
    }

    @Test
    void noTrailingSpacesWhenTheLastColumnIsShort() {
        Table t = new Table("A", "B").row("long value", "");
        assertThat(t.lines()).allSatisfy(l -> assertThat(l).doesNotEndWith(" "));
        assertThat(t.toString()).isEqualTo("A            B\nlong value   -");
    }

    @Test
    void aRowMustFitTheColumns() {
        assertThatThrownBy(() -> new Table("A", "B").row("1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cellsTimesAndDurations() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        assertThat(Text.time(f.textNode("2026-12-02T17:20:01.123Z"))).isEqualTo("2026-12-02 17:20:01");
        assertThat(Text.time(f.nullNode())).isEmpty();
        assertThat(Text.duration(f.numberNode(45))).isEqualTo("45s");
        assertThat(Text.duration(f.numberNode(723))).isEqualTo("12m3s");
        assertThat(Text.duration(f.numberNode(3 * 3600 + 120))).isEqualTo("3h2m");
        assertThat(Text.duration(f.numberNode(2 * 86_400 + 3600))).isEqualTo("2d1h");
        assertThat(Text.cell("a\n  b")).isEqualTo("a b");
        assertThat(Text.cell("x".repeat(100))).hasSize(Text.MAX_CELL).endsWith("…");
    }
}
