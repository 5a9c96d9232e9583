package io.coremonitor.server.internal;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;

import io.coremonitor.server.ServerConfig;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import java.util.function.Supplier;

/** The Javalin application: every route is declared here, in one place. */
public final class HttpApi {

    /** Largest request body accepted (413 above it). */
    public static final long MAX_REQUEST_BYTES = 2L * 1024 * 1024;

    private final Supplier<ComponentHealth> database;
    private final Supplier<ComponentHealth> docker;

    public HttpApi(Supplier<ComponentHealth> database, Supplier<ComponentHealth> docker) {
        this.database = database;
        this.docker = docker;
    }

    /** Builds the application without starting it. */
    public Javalin create(ServerConfig config) {
        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.http.maxRequestSize = MAX_REQUEST_BYTES;
            cfg.jsonMapper(new JavalinJackson(JsonMapperFactory.create(), false));
            cfg.router.apiBuilder(() -> path("api/v1", () -> {
                get("health", this::health);
            }));
        });
        ProblemMapper.register(app);
        return app;
    }

    private void health(Context ctx) {
        ctx.json(HealthReport.of(database.get(), docker.get()));
    }
}
