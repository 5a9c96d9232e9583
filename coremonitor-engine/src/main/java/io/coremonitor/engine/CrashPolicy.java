package io.coremonitor.engine;

/** What the worker does with a RUNNING command whose worker died (its lease expired) ({@code queue.on-crash}). */
public enum CrashPolicy {
    /** Default: back to PENDING with attempt + 1, up to the maximum number of attempts, then FAILED. */
    RETRY,
    /** FAILED at once. */
    FAIL
}
