package io.coremonitor.engine.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coremonitor.engine.CoreMonitor;
import io.coremonitor.store.StoreConfig;
import io.coremonitor.store.testing.PostgresRequired;
import io.coremonitor.store.testing.TestPostgres;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The key check on PostgreSQL: the same key reads the secrets back after a restart, another refuses the start. */
@ExtendWith(PostgresRequired.class)
class PostgresSecretKeyTest {

    private static final String VALUE = "pg-secret-value";
    private static final String KEY_A = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String KEY_B = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    private final StoreConfig config = TestPostgres.freshConfig(Clock.systemUTC());

    @AfterEach
    void dropSchema() {
        config.schema().ifPresent(TestPostgres::dropSchema);
    }

    private CoreMonitor engine(String key) {
        return CoreMonitor.builder().store(config).secretKey(SecretKeySource.base64(key)).build();
    }

    @Test
    void theSameKeyReadsBackAnotherIsRefused() {
        String keyId;
        try (CoreMonitor cm = engine(KEY_A)) {
            cm.secrets().create("token", Optional.empty(), SecretValue.of(VALUE), "alice");
            keyId = cm.secrets().keyId().orElseThrow();
        }

        assertThatThrownBy(() -> engine(KEY_B)).isInstanceOf(WrongSecretKeyException.class)
                .hasMessageContaining(", expected " + keyId + "): give the right COREMONITOR_SECRET_KEY or key file")
                .hasMessageNotContaining(VALUE);
        try (CoreMonitor cm = engine(KEY_A)) {
            assertThat(cm.secrets().reveal("token", "test").asString()).isEqualTo(VALUE);
        }
    }
}
