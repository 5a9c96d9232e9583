package io.coremonitor.engine.databases.internal;

import io.coremonitor.engine.databases.DatabaseKind;
import io.coremonitor.engine.secrets.SecretValue;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BooleanSupplier;

/**
 * Whether a database accepts a real login: a JDBC connection over its published host port with its user and password,
 * then {@code SELECT 1}. An open TCP port is not enough: PostgreSQL's and MariaDB's images run a temporary server while
 * they initialise, and a refused password is not ready either.
 */
public final class LoginCheck {

    private static final Duration PAUSE = Duration.ofMillis(250);
    private static final int CONNECT_SECONDS = 5;

    private LoginCheck() {
    }

    /** One login attempt: empty when it succeeded, else why not (never the password). */
    public static Optional<String> attempt(DatabaseKind kind, String jdbcUrl, String user, SecretValue password) {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password.asString());
        if (kind == DatabaseKind.POSTGRESQL) {
            props.setProperty("connectTimeout", Integer.toString(CONNECT_SECONDS));
            props.setProperty("loginTimeout", Integer.toString(CONNECT_SECONDS));
            props.setProperty("socketTimeout", Integer.toString(CONNECT_SECONDS));
        } else {
            props.setProperty("connectTimeout", Integer.toString(CONNECT_SECONDS * 1000));
            props.setProperty("socketTimeout", Integer.toString(CONNECT_SECONDS * 1000));
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl, props); Statement s = c.createStatement()) {
            s.execute("SELECT 1");
            return Optional.empty();
        } catch (SQLException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return Optional.of(message.replace(password.asString(), "***"));
        }
    }

    /**
     * Tries until a login succeeds, the deadline passes or {@code stop} says so.
     *
     * @return empty when a login succeeded, else the last reason
     */
    public static Optional<String> until(DatabaseKind kind, String jdbcUrl, String user, SecretValue password, Clock clock,
            Instant deadline, BooleanSupplier stop) {
        Optional<String> last = Optional.of("no login tried before the deadline");
        while (clock.instant().isBefore(deadline) && !stop.getAsBoolean()) {
            last = attempt(kind, jdbcUrl, user, password);
            if (last.isEmpty()) {
                return last;
            }
            try {
                Thread.sleep(PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("interrupted");
            }
        }
        return last;
    }
}
