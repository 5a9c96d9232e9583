package io.coremonitor.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CapabilityTest {

    @Test
    void parsesNameAndVersion() {
        Capability c = Capability.parse("sql:postgresql@16");
        assertThat(c.name()).isEqualTo("sql:postgresql");
        assertThat(c.version()).contains("16");
        assertThat(c.family()).isEqualTo("sql");
        assertThat(c).hasToString("sql:postgresql@16");
    }

    @Test
    void aCapabilityWithoutVersion() {
        Capability c = Capability.parse("http");
        assertThat(c.version()).isEmpty();
        assertThat(c.family()).isEqualTo("http");
        assertThat(c).isEqualTo(new Capability("http", Optional.empty()));
    }

    @Test
    void aParticularKindIsAlsoTheGeneralOne() {
        Capability c = Capability.parse("servlet:jakarta@10");
        assertThat(c.isA("servlet:jakarta")).isTrue();
        assertThat(c.isA("servlet")).isTrue();
        assertThat(c.isA("servlet:javax")).isFalse();
        assertThat(c.isA("serv")).isFalse();
    }

    @Test
    void requirementsFitByKindAndVersion() {
        Requirement jakarta10 = new Requirement("container", "servlet:jakarta", VersionRange.parse(">=10"), false, "");
        assertThat(jakarta10.fits(Capability.parse("servlet:jakarta@10"))).isTrue();
        assertThat(jakarta10.fits(Capability.parse("servlet:jakarta@9"))).isFalse();
        assertThat(jakarta10.fits(Capability.parse("servlet:javax@4"))).isFalse();
        assertThat(jakarta10.fits(Capability.parse("servlet:jakarta"))).isFalse();
        Requirement anySql = new Requirement("database", "sql", VersionRange.ANY, true, "");
        assertThat(anySql.fits(Capability.parse("sql:mariadb@11"))).isTrue();
        assertThat(anySql.wanted()).isEqualTo("sql");
        assertThat(jakarta10.wanted()).isEqualTo("servlet:jakarta@>=10");
    }

    @Test
    void refusesMalformedCapabilities() {
        assertThatThrownBy(() -> Capability.parse("SQL")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("invalid capability name 'SQL'");
        assertThatThrownBy(() -> Capability.parse("sql:@16")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Capability.parse("java@")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("invalid capability version");
    }
}
