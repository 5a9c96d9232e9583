package io.coremonitor.engine.databases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coremonitor.engine.catalog.CatalogLoader;
import io.coremonitor.engine.catalog.ValueGenerator;
import io.coremonitor.engine.databases.internal.DatabaseCompose;
import io.coremonitor.engine.databases.internal.DatabaseReader;
import io.coremonitor.engine.secrets.SecretValue;
import io.coremonitor.model.ComposeDefinition;
import io.coremonitor.model.ComposeLoader;
import io.coremonitor.model.ServiceSpec;
import io.coremonitor.model.Stack;
import io.coremonitor.model.ValidationReport;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatabaseComposeTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void aPostgresqlDefinitionHasTheLabelsLimitsPortAndPasswordSecretAndReadsBack() {
        DatabaseRequest request = DatabaseRequest.of("shop-eu", DatabaseKind.POSTGRESQL).withVersion("15");
        DatabaseCompose.Made made = DatabaseCompose.make(CatalogLoader.builtIn(), request, 5433, NOW, ValueGenerator.seeded(1));
        ValidationReport report = ComposeLoader.validate(made.compose(), Map.of());
        assertThat(report.errors()).isEmpty();
        ComposeDefinition definition = report.definition().orElseThrow();
        ServiceSpec db = definition.service("db").orElseThrow();
        assertThat(db.process().image()).isEqualTo("postgres:15");
        assertThat(db.metadata().labels()).containsEntry(DatabaseLabels.PROJECT, "shop-eu")
                .containsEntry(DatabaseLabels.TYPE, "postgresql").containsEntry(DatabaseLabels.DB_VERSION, "15")
                .containsEntry(DatabaseLabels.CREATED_AT, NOW.toString());
        assertThat(db.resources().limits().memory().orElseThrow().bytes()).isEqualTo(512L * 1024 * 1024);
        assertThat(db.resources().limits().cpus().orElseThrow()).isEqualByComparingTo("1");
        assertThat(made.passwordSecret()).isEqualTo("db-shop-eu-db-password");
        assertThat(made.password().generated()).isTrue();
        assertThat(made.compose()).contains("db-shop-eu-db-password").doesNotContain(made.password().value());

        Stack stack = new Stack("s1", "db-shop-eu", Optional.empty(), Optional.of("v1"), NOW, NOW, Optional.empty());
        ManagedDatabase read = DatabaseReader.read(stack, definition, "127.0.0.1").orElseThrow();
        assertThat(read.port()).isEqualTo(5433);
        assertThat(read.database()).isEqualTo("shop_eu");
        assertThat(read.user()).isEqualTo("shop_eu");
        assertThat(read.createdAt()).isEqualTo(NOW);
        assertThat(read.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5433/shop_eu");
        assertThat(read.uri()).isEqualTo("postgresql://shop_eu@127.0.0.1:5433/shop_eu");
    }

    @Test
    void aMariadbDefinitionHasBothPasswordsAsSecretsAndAGivenPasswordIsKept() {
        DatabaseRequest request = new DatabaseRequest("crm", DatabaseKind.MARIADB, Optional.of("10.11"),
                DatabaseRequest.of("crm", DatabaseKind.MARIADB).memory(), DatabaseRequest.DEFAULT_CPUS,
                Optional.of(SecretValue.of("Given-Password-1")), Optional.empty(), Optional.empty(), Optional.empty());
        DatabaseCompose.Made made = DatabaseCompose.make(CatalogLoader.builtIn(), request, 5500, NOW, ValueGenerator.seeded(1));
        assertThat(made.secrets()).extracting(s -> s.name()).containsExactlyInAnyOrder("db-crm-db-password",
                "db-crm-db-root-password");
        assertThat(made.password().value()).isEqualTo("Given-Password-1");
        assertThat(made.compose()).doesNotContain("Given-Password-1").contains("5500:3306");
        assertThat(ComposeLoader.validate(made.compose(), Map.of()).errors()).isEmpty();
    }

    @Test
    void anUnknownVersionIsRefusedNamingTheVersion() {
        DatabaseRequest request = DatabaseRequest.of("shop", DatabaseKind.POSTGRESQL).withVersion("9");
        assertThatThrownBy(() -> DatabaseCompose.make(CatalogLoader.builtIn(), request, 5433, NOW, ValueGenerator.seeded(1)))
                .isInstanceOf(InvalidDatabaseException.class).hasMessageContaining("no version '9'")
                .satisfies(e -> assertThat(((InvalidDatabaseException) e).field()).isEqualTo("version"));
    }
}
