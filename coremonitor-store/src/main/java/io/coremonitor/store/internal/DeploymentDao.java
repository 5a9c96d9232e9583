package io.coremonitor.store.internal;

import io.coremonitor.model.Deployment;
import io.coremonitor.store.NewDeployment;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * SQL of the deployments table. Every read joins the deployment's command ({@code c}) for its status, error and end
 * time, which are never copied into the deployment's row.
 */
public interface DeploymentDao {

    String COLUMNS = "d.stack_id, d.number, d.service, d.artifact, d.path, d.check_path, d.check_status, d.command_id,"
            + " d.actor, d.created_at, c.status, c.error, c.ended_at";

    String FROM = " FROM deployments d JOIN commands c ON c.command_id = d.command_id";

    /**
     * Appends a deployment numbered next in its stack (the highest number + 1, computed inside the INSERT). Run in a
     * transaction that holds the stack's row lock, so concurrent recorders of one stack take turns.
     */
    @SqlUpdate("INSERT INTO deployments (stack_id, number, service, artifact, path, check_path, check_status, command_id,"
            + " actor, created_at) SELECT :stackId, COALESCE(MAX(number), 0) + 1, :service, :artifact, :path, :checkPath,"
            + " :checkStatus, :commandId, :actor, :createdAt FROM deployments WHERE stack_id = :stackId")
    int insertNext(@BindMethods NewDeployment deployment, @Bind("checkPath") String checkPath,
            @Bind("checkStatus") int checkStatus, @Bind("createdAt") Instant createdAt);

    @SqlQuery("SELECT " + COLUMNS + FROM + " WHERE d.stack_id = :stackId AND d.number = :number")
    Optional<Deployment> get(@Bind("stackId") String stackId, @Bind("number") int number);

    @SqlQuery("SELECT " + COLUMNS + FROM + " WHERE d.command_id = :commandId")
    Optional<Deployment> getByCommand(@Bind("commandId") long commandId);

    @SqlQuery("SELECT " + COLUMNS + FROM + " WHERE d.stack_id = :stackId AND d.number < :before"
            + " ORDER BY d.number DESC LIMIT :limit")
    List<Deployment> listBefore(@Bind("stackId") String stackId, @Bind("before") long beforeNumber,
            @Bind("limit") int limit);

    /** The service's deployments from the highest number down (ix_deployments_service), the first DONE one. */
    @SqlQuery("SELECT " + COLUMNS + FROM + " WHERE d.stack_id = :stackId AND d.service = :service AND c.status = 'DONE'"
            + " ORDER BY d.number DESC LIMIT 1")
    Optional<Deployment> current(@Bind("stackId") String stackId, @Bind("service") String service);

    /** Each service's DONE deployment that no later DONE deployment of the same service follows. */
    @SqlQuery("SELECT " + COLUMNS + FROM + " WHERE d.stack_id = :stackId AND c.status = 'DONE'"
            + " AND NOT EXISTS (SELECT 1 FROM deployments n JOIN commands nc ON nc.command_id = n.command_id"
            + " WHERE n.stack_id = d.stack_id AND n.service = d.service AND n.number > d.number AND nc.status = 'DONE')")
    List<Deployment> currentOfEachService(@Bind("stackId") String stackId);
}
