package io.coremonitor.server.internal;

import io.coremonitor.engine.CoreMonitor;
import io.coremonitor.engine.StoredArtifact;
import io.coremonitor.engine.databases.CreatedDatabase;
import io.coremonitor.engine.databases.DatabaseRequest;
import io.coremonitor.engine.databases.DatabaseService;
import io.coremonitor.engine.databases.ManagedDatabase;
import io.coremonitor.model.Command;
import io.coremonitor.server.internal.ArtifactBodies.ArtifactView;
import io.coremonitor.server.internal.DatabaseBodies.CreateDatabaseRequest;
import io.coremonitor.server.internal.DatabaseBodies.DatabaseDeletedView;
import io.coremonitor.server.internal.DatabaseBodies.DatabaseView;
import io.coremonitor.server.internal.DatabaseBodies.RestoreDatabaseRequest;
import io.coremonitor.server.internal.DatabaseBodies.RestoredView;
import io.javalin.http.Context;

/**
 * Managed databases ({@code /databases}): create (synchronous: the answer comes once a login succeeded), list, one with
 * its live status, delete, backups and restore. The password leaves the server only in the 201 answer of a create that
 * generated it; later through {@code POST /secrets/{password_secret}/reveal}.
 */
final class DatabaseRoutes {

    private final CoreMonitor engine;
    private final DockerAccess docker;
    private final DatabaseService databases;
    private final HostPorts hostPorts;

    DatabaseRoutes(CoreMonitor engine, DockerAccess docker, DatabaseService databases, HostPorts hostPorts) {
        this.engine = engine;
        this.docker = docker;
        this.databases = databases;
        this.hostPorts = hostPorts;
    }

    void create(Context ctx) {
        DatabaseRequest request = CreateDatabaseRequest.read(Requests.body(ctx, CreateDatabaseRequest.class));
        docker.requireReachable();
        CreatedDatabase created = databases.create(request, PublishedPorts.of(engine), hostPorts.inUse(), Requests.actor(ctx));
        ManagedDatabase db = created.database();
        ctx.status(201).header("Location", Route.BASE + "/databases/" + db.project())
                .json(DatabaseView.of(db).created(created.generatedPassword().map(p -> p.asString()), created.commandId()));
    }

    void list(Context ctx) {
        ctx.json(Views.items(databases.list().stream().map(DatabaseView::of).toList()));
    }

    void get(Context ctx) {
        ManagedDatabase db = databases.get(ctx.pathParam("project"));
        ctx.json(DatabaseView.of(db).withStatus(Views.status(docker.call(() -> engine.monitoring().status(db.stackId(), false)))));
    }

    void delete(Context ctx) {
        String project = ctx.pathParam("project");
        boolean removeVolumes = Params.boolParam(ctx, "remove_volumes");
        ManagedDatabase db = databases.get(project);
        docker.requireReachable();
        Command c = databases.delete(project, removeVolumes, Requests.actor(ctx));
        ctx.json(new DatabaseDeletedView(project, db.stackId(), c.commandId(), removeVolumes));
    }

    void backup(Context ctx) {
        String project = ctx.pathParam("project");
        databases.get(project);
        docker.requireReachable();
        StoredArtifact stored = databases.backup(project, Requests.actor(ctx));
        ctx.status(201).header("Location", Route.BASE + "/artifacts/" + stored.artifact().sha256())
                .json(ArtifactView.of(stored.artifact()));
    }

    void backups(Context ctx) {
        ctx.json(Views.items(databases.backups(ctx.pathParam("project")).stream().map(ArtifactView::of).toList()));
    }

    void restore(Context ctx) {
        String project = ctx.pathParam("project");
        String artifact = RestoreDatabaseRequest.read(Requests.body(ctx, RestoreDatabaseRequest.class));
        databases.get(project);
        docker.requireReachable();
        databases.restore(project, artifact, Requests.actor(ctx));
        ctx.json(new RestoredView(project, ArtifactView.of(engine.artifacts().get(artifact))));
    }
}
