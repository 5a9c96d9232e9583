package io.coremonitor.model;

/**
 * A ulimit; the single-number form sets both.
 *
 * @param soft soft limit
 * @param hard hard limit
 */
public record Ulimit(long soft, long hard) {
}
