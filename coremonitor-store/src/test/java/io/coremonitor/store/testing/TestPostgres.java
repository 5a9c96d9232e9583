package io.coremonitor.store.testing;

import io.coremonitor.store.StoreConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server of the tests: {@code COREMONITOR_TEST_PG_URL} (default a local {@code coremonitor_test}
 * database, user and password {@code coremonitor}). Each caller gets a fresh random schema so that test runs never
 * see each other's rows. When the server is unreachable, tests are skipped with a visible reason and a WARN line,
 * or fail loudly when {@code CI=true}.
 */
public final class TestPostgres {

    public static final String URL_ENV = "COREMONITOR_TEST_PG_URL";
    public static final String DEFAULT_URL =
            "jdbc:postgresql://127.0.0.1:5432/coremonitor_test?user=coremonitor&password=coremonitor";

    private static final Logger LOG = LoggerFactory.getLogger(TestPostgres.class);
    private static volatile Optional<String> unreachableReason;

    private TestPostgres() {
    }

    public static String url() {
        String env = System.getenv(URL_ENV);
        return env == null || env.isBlank() ? DEFAULT_URL : env;
    }

    public static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Why the server cannot be used, empty when it answers. Checked once per JVM. */
    public static synchronized Optional<String> unreachableReason() {
        if (unreachableReason == null) {
            try (Connection c = DriverManager.getConnection(url())) {
                c.isValid(5);
                unreachableReason = Optional.empty();
            } catch (SQLException e) {
                unreachableReason = Optional.of("PostgreSQL unreachable at " + redacted(url()) + " (" + e.getMessage()
                        + "); set " + URL_ENV + " or start a server");
            }
        }
        return unreachableReason;
    }

    /**
     * Skips the calling test (or test class) when the server is unreachable, or fails it when {@code CI=true}.
     */
    public static void require() {
        Optional<String> reason = unreachableReason();
        if (reason.isEmpty()) {
            return;
        }
        if (onCi()) {
            Assertions.fail("CI=true and " + reason.get() + ": the PostgreSQL tests must run on CI");
        }
        LOG.warn("SKIPPING PostgreSQL tests: {}", reason.get());
        Assumptions.abort("SKIPPED (PostgreSQL tests): " + reason.get());
    }

    /** A new, unused schema name. */
    public static String newSchemaName() {
        return "cm_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    }

    /** A store configuration on a fresh schema (created by the store's migrations). */
    public static StoreConfig freshConfig(Clock clock) {
        require();
        return StoreConfig.of(url(), clock).withSchema(newSchemaName());
    }

    /** Drops a schema made by {@link #freshConfig}; quiet when it is already gone. */
    public static void dropSchema(String schema) {
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            LOG.warn("could not drop test schema {}: {}", schema, e.getMessage());
        }
    }

    /** The URL of the test server with its password hidden. */
    public static String redactedUrl() {
        return redacted(url());
    }

    private static String redacted(String url) {
        return StoreConfig.redact(url);
    }
}
