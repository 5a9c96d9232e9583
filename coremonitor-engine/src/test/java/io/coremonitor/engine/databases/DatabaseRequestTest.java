package io.coremonitor.engine.databases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coremonitor.engine.secrets.SecretValue;
import io.coremonitor.model.ByteSize;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseRequestTest {

    @Test
    void defaultsAndDerivedNames() {
        DatabaseRequest r = DatabaseRequest.of("shop-eu", DatabaseKind.POSTGRESQL);
        assertThat(r.memory()).isEqualTo(ByteSize.parse("512m").orElseThrow());
        assertThat(r.cpus()).isEqualByComparingTo("1");
        assertThat(DatabaseRequest.stackName("shop-eu")).isEqualTo("db-shop-eu");
        assertThat(DatabaseRequest.databaseName("shop-eu")).isEqualTo("shop_eu");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Shop", "1shop", "shop-", "-shop", "shop_eu", "a/b",
        "a-very-long-project-name-that-goes-past-forty-chars"})
    void projectNamesOutsideTheRuleAreRefusedNamingTheField(String project) {
        assertThatThrownBy(() -> DatabaseRequest.of(project, DatabaseKind.MARIADB)).isInstanceOf(InvalidDatabaseException.class)
                .satisfies(e -> assertThat(((InvalidDatabaseException) e).field()).isEqualTo("project"));
    }

    @Test
    void limitsPortPasswordImageAndTimeoutAreChecked() {
        assertThat(field(() -> request(Optional.empty(), "32m", "1", Optional.empty(), Optional.empty()))).isEqualTo("memory");
        assertThat(field(() -> request(Optional.empty(), "1g", "0", Optional.empty(), Optional.empty()))).isEqualTo("cpus");
        assertThat(field(() -> request(Optional.empty(), "1g", "65", Optional.empty(), Optional.empty()))).isEqualTo("cpus");
        assertThat(field(() -> request(Optional.of("short"), "1g", "1", Optional.empty(), Optional.empty())))
                .isEqualTo("password");
        assertThat(field(() -> request(Optional.empty(), "1g", "1", Optional.of(70000), Optional.empty()))).isEqualTo("port");
        assertThat(field(() -> DatabaseRequest.of("shop", DatabaseKind.POSTGRESQL).withImage("Not An Image")))
                .isEqualTo("image");
        assertThat(field(() -> DatabaseRequest.of("shop", DatabaseKind.POSTGRESQL).withReadyTimeout(Duration.ofHours(1))))
                .isEqualTo("ready_timeout");
        assertThat(request(Optional.of("long-enough-1"), "256m", "0.5", Optional.of(5433), Optional.empty()).port())
                .contains(5433);
    }

    @Test
    void thePasswordIsNeverInTheTextOfARequestNorInAnError() {
        String password = "Very-Secret-Password-1";
        DatabaseRequest r = request(Optional.of(password), "1g", "1", Optional.empty(), Optional.empty());
        assertThat(r.toString()).doesNotContain(password).contains("password=given");
        String bad = "bad\u0001password";
        assertThatThrownBy(() -> request(Optional.of(bad), "1g", "1", Optional.empty(), Optional.empty()))
                .hasMessageNotContaining(bad);
    }

    private static DatabaseRequest request(Optional<String> password, String memory, String cpus, Optional<Integer> port,
            Optional<String> image) {
        return new DatabaseRequest("shop", DatabaseKind.POSTGRESQL, Optional.of("15"), ByteSize.parse(memory).orElseThrow(),
                new BigDecimal(cpus), password.map(SecretValue::of), port, image, Optional.empty());
    }

    private static String field(Runnable r) {
        try {
            r.run();
        } catch (InvalidDatabaseException e) {
            return e.field();
        }
        return "(none)";
    }
}
