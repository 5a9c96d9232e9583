package io.coremonitor.engine.databases;

import io.coremonitor.model.PortRange;
import java.time.Duration;
import java.util.Objects;

/**
 * How managed databases are made.
 *
 * @param host         the host name clients reach published ports on (the Docker host: {@code 127.0.0.1} for a local
 *                     engine); also where the login check connects
 * @param ports        the host ports a database gets one of when none is asked for
 * @param readyTimeout how long a start may take, up to a successful login, unless a request says otherwise
 */
public record DatabaseSettings(String host, PortRange ports, Duration readyTimeout) {

    /** The default port range: 5433 (after PostgreSQL's own) to 6000. */
    public static final PortRange DEFAULT_PORTS = new PortRange(5433, 6000);
    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofMinutes(2);

    public DatabaseSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(readyTimeout, "readyTimeout");
        if (readyTimeout.isNegative() || readyTimeout.isZero()) {
            throw new IllegalArgumentException("readyTimeout must be positive");
        }
    }

    /** A local Docker engine, the default range and timeout. */
    public static DatabaseSettings defaults() {
        return new DatabaseSettings("127.0.0.1", DEFAULT_PORTS, DEFAULT_READY_TIMEOUT);
    }
}
