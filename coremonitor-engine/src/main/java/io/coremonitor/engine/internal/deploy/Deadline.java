package io.coremonitor.engine.internal.deploy;

import java.time.Duration;
import java.util.Locale;

/** A wait with an end: {@link #pause} between two looks, {@link #passed} once it is over. */
final class Deadline {

    private final long startNanos = System.nanoTime();
    private final long endNanos;
    private final Duration poll;

    Deadline(Duration timeout, Duration poll) {
        this.endNanos = startNanos + timeout.toNanos();
        this.poll = poll;
    }

    boolean passed() {
        return System.nanoTime() - endNanos >= 0;
    }

    /** Time since the start. */
    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Sleeps one poll interval (less when the end is nearer). */
    void pause() {
        long left = endNanos - System.nanoTime();
        long sleep = Math.max(0, Math.min(poll.toNanos(), left));
        try {
            Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployFailedException("interrupted while waiting for the middleware", e);
        }
    }

    /** Seconds with one decimal, for log lines: {@code 12.3 s}. */
    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
