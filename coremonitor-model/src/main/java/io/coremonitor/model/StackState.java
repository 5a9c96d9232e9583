package io.coremonitor.model;

/** The state of a stack or a version as seen by Core Monitor. */
public enum StackState {
    RUNNING,
    DEGRADED,
    STOPPED,
    DEPLOYING,
    FAILED,
    UNKNOWN
}
