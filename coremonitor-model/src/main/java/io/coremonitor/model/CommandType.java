package io.coremonitor.model;

/** The kinds of WRITE command the queue executes. */
public enum CommandType {
    APPLY_STACK_VERSION,
    ROLLBACK_STACK_VERSION,
    DELETE_STACK,
    RUNTIME_ACTION,
    DEPLOY_ARTIFACT
}
