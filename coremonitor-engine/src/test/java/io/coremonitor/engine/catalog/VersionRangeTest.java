package io.coremonitor.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionRangeTest {

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
        ">=10, 10, true",
        ">=10, 10.1, true",
        ">=10, 9, false",
        ">=10, 9.9.9, false",
        ">=10, 11, true",
        ">=27 <40, 39, true",
        ">=27 <40, 27, true",
        ">=27 <40, 40, false",
        ">=27 <40, 26, false",
        "10, 10, true",
        "10, 10.1, true",
        "10, 10.0.5, true",
        "10, 11, false",
        "10, 1, false",
        "10.1, 10.1.30, true",
        "10.1, 10.10, false",
        "'>9', 10, true",
        "'>9', 9.0, false",
        "<=16, 16.2, false",
        "<=16, 16, true",
        "=16, 16.0, true",
        "=16, 16.1, false",
        "*, 1, true",
        ">=39, 39.0.1.Final, true",
        "<39.0.1.Final, 39, true",
    })
    void containment(String range, String version, boolean expected) {
        assertThat(VersionRange.parse(range).contains(version)).isEqualTo(expected);
    }

    @Test
    void numericNotTextualOrder() {
        assertThat(VersionRange.parse(">=9").contains("10")).isTrue();
        assertThat(VersionRange.parse("<9").contains("10")).isFalse();
        assertThat(VersionRange.parse(">1.9").contains("1.10")).isTrue();
    }

    @Test
    void aCapabilityWithoutVersionIsOnlyInAny() {
        assertThat(VersionRange.ANY.contains("")).isTrue();
        assertThat(VersionRange.parse(">=1").contains("")).isFalse();
    }

    @Test
    void normalizesItsText() {
        assertThat(VersionRange.parse("  >=27    <40 ").text()).isEqualTo(">=27 <40");
        assertThat(VersionRange.parse("").isAny()).isTrue();
    }

    @Test
    void refusesWhatIsNotARange() {
        assertThatThrownBy(() -> VersionRange.parse(">=")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'>=' is not an operator");
        assertThatThrownBy(() -> VersionRange.parse("~>10")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VersionRange.parse(">=10,<11")).isInstanceOf(IllegalArgumentException.class);
    }
}
