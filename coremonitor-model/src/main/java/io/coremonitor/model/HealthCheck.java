package io.coremonitor.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A container health check.
 *
 * @param test          {@code [CMD, arg...]}, {@code [CMD-SHELL, command]}, {@code [NONE]}, or empty to keep the image's test
 * @param interval      time between checks
 * @param timeout       time a check may take
 * @param startPeriod   grace period after start
 * @param startInterval time between checks during the start period
 * @param retries       consecutive failures before unhealthy
 * @param disable       true when the check is disabled ({@code disable: true} or test {@code [NONE]}; then test is [NONE])
 */
public record HealthCheck(
        List<String> test,
        Optional<Duration> interval,
        Optional<Duration> timeout,
        Optional<Duration> startPeriod,
        Optional<Duration> startInterval,
        Optional<Integer> retries,
        boolean disable) {

    public HealthCheck {
        test = List.copyOf(test);
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(startPeriod, "startPeriod");
        Objects.requireNonNull(startInterval, "startInterval");
        Objects.requireNonNull(retries, "retries");
    }
}
