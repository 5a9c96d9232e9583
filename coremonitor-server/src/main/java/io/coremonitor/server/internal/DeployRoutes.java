package io.coremonitor.server.internal;

import io.coremonitor.engine.CoreMonitor;
import io.coremonitor.model.Deployment;
import io.coremonitor.server.internal.ArtifactBodies.DeploymentView;
import io.coremonitor.server.internal.RequestBodies.DeployRequest;
import io.javalin.http.Context;
import io.javalin.validation.Validator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Deployments of artifacts into a stack's services: deploy, redeploy, and their history. */
final class DeployRoutes {

    private final CoreMonitor engine;

    DeployRoutes(CoreMonitor engine) {
        this.engine = engine;
    }

    void deploy(Context ctx) {
        String stackId = ctx.pathParam("id");
        DeployRequest req = DeployRequest.read(Requests.body(ctx, DeployRequest.class));
        engine.stacks().get(stackId);
        StackRoutes.accepted(ctx, engine.deploys().deploy(stackId, req.toEngine(), Requests.actor(ctx)));
    }

    void redeploy(Context ctx) {
        String stackId = ctx.pathParam("id");
        int number = number(ctx);
        engine.stacks().get(stackId);
        StackRoutes.accepted(ctx, engine.deploys().redeploy(stackId, number, Requests.actor(ctx)));
    }

    void list(Context ctx) {
        String stackId = ctx.pathParam("id");
        engine.stacks().get(stackId);
        Map<String, Optional<String>> names = new HashMap<>();
        ctx.json(Views.page(engine.deploys().list(stackId, Params.page(ctx)), d -> view(d, names)));
    }

    void get(Context ctx) {
        String stackId = ctx.pathParam("id");
        int number = number(ctx);
        engine.stacks().get(stackId);
        ctx.json(view(engine.deploys().get(stackId, number), new HashMap<>()));
    }

    /** A deployment with its artifact's name (looked up once per artifact of a page). */
    private DeploymentView view(Deployment d, Map<String, Optional<String>> names) {
        Optional<String> name = names.computeIfAbsent(d.artifact(),
                sha -> engine.artifacts().find(sha).map(a -> a.name()));
        return DeploymentView.of(d, name);
    }

    /** The deployment number path parameter: a positive integer. */
    private static int number(Context ctx) {
        String expected = "a deployment number is a positive integer";
        Validator<Integer> v = ctx.pathParamAsClass("number", Integer.class).check(n -> n >= 1, expected);
        return Params.required(v, "number", expected);
    }
}
