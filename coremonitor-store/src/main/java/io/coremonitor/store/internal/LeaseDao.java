package io.coremonitor.store.internal;

import io.coremonitor.store.Lease;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL of the worker_lease table: each operation is one atomic conditional statement. */
@RegisterConstructorMapper(Lease.class)
public interface LeaseDao {

    String COLUMNS = "name, owner, acquired_at, expires_at";

    /**
     * Inserts the lease, or takes it over when it expired, or extends it when the owner already holds it (keeping
     * its acquisition time); changes nothing while another owner holds it.
     */
    @SqlUpdate("INSERT INTO worker_lease (name, owner, acquired_at, expires_at) VALUES (:name, :owner, :now, :expires)"
            + " ON CONFLICT (name) DO UPDATE SET owner = excluded.owner,"
            + " acquired_at = CASE WHEN worker_lease.owner = excluded.owner AND worker_lease.expires_at > :now"
            + " THEN worker_lease.acquired_at ELSE excluded.acquired_at END,"
            + " expires_at = excluded.expires_at"
            + " WHERE worker_lease.expires_at <= :now OR worker_lease.owner = excluded.owner")
    int acquire(@Bind("name") String name, @Bind("owner") String owner, @Bind("now") Instant now,
            @Bind("expires") Instant expires);

    @SqlQuery("UPDATE worker_lease SET expires_at = :expires WHERE name = :name AND owner = :owner RETURNING " + COLUMNS)
    Optional<Lease> renew(@Bind("name") String name, @Bind("owner") String owner, @Bind("expires") Instant expires);

    @SqlUpdate("DELETE FROM worker_lease WHERE name = :name AND owner = :owner")
    int release(@Bind("name") String name, @Bind("owner") String owner);

    @SqlQuery("SELECT " + COLUMNS + " FROM worker_lease WHERE name = :name")
    Optional<Lease> get(@Bind("name") String name);
}
