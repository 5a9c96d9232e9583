package io.coremonitor.engine.databases;

/**
 * The labels a managed database's container carries besides the stack's ({@code coremonitor.managed=true},
 * {@code coremonitor.stack_id}, ...): the seed's labels under the {@code coremonitor.} prefix. The component version is
 * {@code coremonitor.db_version}: {@code coremonitor.version} is already the stack version's label on every object.
 */
public final class DatabaseLabels {

    public static final String PROJECT = "coremonitor.project";
    /** {@code postgresql} or {@code mariadb}. */
    public static final String TYPE = "coremonitor.type";
    /** The component version ({@code 15}, {@code 10.11}). */
    public static final String DB_VERSION = "coremonitor.db_version";
    /** When the database was created (ISO-8601). */
    public static final String CREATED_AT = "coremonitor.created_at";

    private DatabaseLabels() {
    }
}
