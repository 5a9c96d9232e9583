package io.coremonitor.engine;

/** What the queue does after a command FAILED ({@code queue.on-failure}). */
public enum FailurePolicy {
    /** The seed's rule (default): a FAILED command halts the queue until it is retried or cancelled. */
    HALT,
    /** The next PENDING command runs; the FAILED one stays FAILED until retried or cancelled. */
    CONTINUE
}
