package io.coremonitor.store;

/** The databases the store runs on, with the same migrations and the same behaviour. */
public enum Dialect {
    SQLITE,
    POSTGRESQL
}
