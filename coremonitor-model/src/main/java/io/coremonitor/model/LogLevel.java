package io.coremonitor.model;

/** Level of a command log line. */
public enum LogLevel {
    DEBUG,
    INFO,
    WARN,
    ERROR
}
