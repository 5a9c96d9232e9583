/**
 * The persistence of Core Monitor: stacks, their immutable versions, the single FIFO queue of commands with their
 * logs, the worker lease and the audit trail, on SQLite (the embedded default) or PostgreSQL, with the same Flyway
 * migrations and the same behaviour.
 *
 * <p>Open it with {@link io.coremonitor.store.Store#open(StoreConfig)} and use its repositories:
 * {@link io.coremonitor.store.StackRepository}, {@link io.coremonitor.store.StackVersionRepository},
 * {@link io.coremonitor.store.CommandRepository}, {@link io.coremonitor.store.CommandLogRepository},
 * {@link io.coremonitor.store.LeaseRepository}, {@link io.coremonitor.store.AuditRepository}.
 *
 * <p>Conventions: getters return {@code Optional}, {@code ...OrThrow} variants throw the precise not-found
 * exceptions of {@code io.coremonitor.model}; lists are keyset-paginated ({@link io.coremonitor.store.PageRequest},
 * opaque cursors, limit 1 to 500, default 50); every timestamp comes from the configured {@code Clock} and is kept
 * at millisecond precision; every exception thrown on purpose is an unchecked
 * {@link io.coremonitor.model.CoreMonitorException}.
 */
package io.coremonitor.store;
