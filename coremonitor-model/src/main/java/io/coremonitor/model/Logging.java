package io.coremonitor.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Logging configuration of a service.
 *
 * @param driver  log driver (json-file, local, syslog, ...)
 * @param options driver options, sorted by key
 */
public record Logging(Optional<String> driver, Map<String, String> options) {

    public Logging {
        Objects.requireNonNull(driver, "driver");
        options = ModelCollections.sortedMap(options);
    }
}
