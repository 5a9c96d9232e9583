package io.coremonitor.server.internal;

import io.coremonitor.engine.CoreMonitor;
import io.coremonitor.engine.RuntimeAction;
import io.coremonitor.model.Command;
import io.coremonitor.model.Stack;
import io.coremonitor.model.StackVersion;
import io.coremonitor.store.VersionCreation;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Stacks and versions: queries, creation, and the WRITE commands on a stack. */
final class StackRoutes {

    private static final Set<String> CREATE_FIELDS = Set.of("name", "compose", "comment", "author", "variables",
            "stack_id");
    private static final Set<String> VERSION_FIELDS = Set.of("compose", "comment", "author", "variables",
            "parent_version");

    private final CoreMonitor engine;
    private final DockerAccess docker;

    StackRoutes(CoreMonitor engine, DockerAccess docker) {
        this.engine = engine;
        this.docker = docker;
    }

    void list(Context ctx) {
        Optional<String> name = Optional.ofNullable(ctx.queryParam("name")).filter(n -> !n.isBlank());
        boolean deleted = Requests.boolParam(ctx, "include_deleted");
        ctx.json(Views.page(engine.stacks().list(name, deleted, Requests.page(ctx)), Views::stack));
    }

    void get(Context ctx) {
        ctx.json(Views.stack(engine.stacks().get(ctx.pathParam("id"))));
    }

    void create(Context ctx) {
        Requests.Body body = Requests.body(ctx, CREATE_FIELDS);
        String name = body.requiredString("name");
        String compose = body.compose("compose").orElseThrow(() -> new BadRequestException("compose",
                "compose is required: a YAML string or a JSON object"));
        Map<String, String> variables = body.variables("variables");
        String author = body.string("author").filter(a -> !a.isBlank()).orElse(Requests.actor(ctx));
        Optional<String> stackId = body.string("stack_id");
        Stack stack = engine.stacks().createStack(name, compose, variables, author, body.string("comment").orElse(null),
                stackId);
        ctx.status(201).header("Location", Route.BASE + "/stacks/" + stack.stackId()).json(Views.stack(stack));
    }

    void versions(Context ctx) {
        ctx.json(Views.page(engine.stacks().versions(ctx.pathParam("id"), Requests.page(ctx)), Views::versionSummary));
    }

    void version(Context ctx) {
        String v = Requests.versionLabel("version", ctx.pathParam("version"));
        ctx.json(Views.version(engine.stacks().version(ctx.pathParam("id"), v)));
    }

    void createVersion(Context ctx) {
        String stackId = ctx.pathParam("id");
        Requests.Body body = Requests.body(ctx, VERSION_FIELDS);
        String compose = body.compose("compose").orElseThrow(() -> new BadRequestException("compose",
                "compose is required: a YAML string or a JSON object"));
        Optional<String> parent = body.string("parent_version").map(p -> Requests.versionLabel("parent_version", p));
        String author = body.string("author").filter(a -> !a.isBlank()).orElse(Requests.actor(ctx));
        VersionCreation creation = engine.stacks().createVersion(stackId, compose, body.variables("variables"), author,
                body.string("comment").orElse(null), parent);
        StackVersion v = creation.version();
        ctx.status(creation.created() ? 201 : 200)
                .header("Location", Route.BASE + "/stacks/" + stackId + "/versions/" + v.version())
                .json(Views.version(v));
    }

    void diff(Context ctx) {
        String stackId = ctx.pathParam("id");
        String v = Requests.versionLabel("version", ctx.pathParam("version"));
        String against = Requests.versionLabel("against", ctx.queryParam("against"));
        StackVersion to = engine.stacks().version(stackId, v);
        StackVersion from = engine.stacks().version(stackId, against);
        ctx.json(VersionDiff.between(stackId, against, Views.json(from.compose()), v, Views.json(to.compose())));
    }

    void plan(Context ctx) {
        String stackId = ctx.pathParam("id");
        String v = Requests.versionLabel("version", ctx.pathParam("version"));
        engine.stacks().version(stackId, v);
        ctx.json(Views.plan(docker.call(() -> docker.inspector().plan(stackId, v))));
    }

    void status(Context ctx) {
        String stackId = ctx.pathParam("id");
        engine.stacks().get(stackId);
        boolean detail = Requests.boolParam(ctx, "detail");
        ctx.json(Views.status(docker.call(() -> engine.monitoring().status(stackId, detail))));
    }

    void stats(Context ctx) {
        String stackId = ctx.pathParam("id");
        engine.stacks().get(stackId);
        Instant to = Requests.instantParam(ctx, "to").orElse(engine.clock().instant());
        Instant from = Requests.instantParam(ctx, "from").orElse(to.minus(Duration.ofHours(1)));
        if (!from.isBefore(to)) {
            throw new BadRequestException("from", "from must be before to");
        }
        String max = ctx.queryParam("max_points");
        int maxPoints = max == null ? 200 : Requests.intParam("max_points", max, 1, 1000);
        Optional<String> service = Optional.ofNullable(ctx.queryParam("service")).filter(s -> !s.isEmpty());
        ctx.json(Views.items(engine.monitoring().stats(stackId, service, from, to, maxPoints).stream().map(Views::stats).toList()));
    }

    void containers(Context ctx) {
        String stackId = ctx.pathParam("id");
        engine.stacks().get(stackId);
        ctx.json(Views.items(docker.call(() -> docker.inspector().containers(stackId)).stream().map(Views::container)
                .toList()));
    }

    void apply(Context ctx) {
        versionCommand(ctx, false);
    }

    void rollback(Context ctx) {
        versionCommand(ctx, true);
    }

    private void versionCommand(Context ctx, boolean rollback) {
        String stackId = ctx.pathParam("id");
        String v = Requests.versionLabel("version", ctx.pathParam("version"));
        boolean autoRollback = Requests.body(ctx, Set.of("auto_rollback")).bool("auto_rollback", false);
        engine.stacks().version(stackId, v);
        docker.requireReachable();
        Command c = rollback ? engine.commands().rollback(stackId, v, autoRollback, Requests.actor(ctx))
                : engine.commands().apply(stackId, v, autoRollback, Requests.actor(ctx));
        accepted(ctx, c);
    }

    void delete(Context ctx) {
        String stackId = ctx.pathParam("id");
        boolean removeVolumes = Requests.body(ctx, Set.of("remove_volumes")).bool("remove_volumes", false);
        engine.stacks().get(stackId);
        docker.requireReachable();
        accepted(ctx, engine.commands().delete(stackId, removeVolumes, Requests.actor(ctx)));
    }

    void action(Context ctx, RuntimeAction action) {
        String stackId = ctx.pathParam("id");
        List<String> services = Requests.body(ctx, Set.of("services")).strings("services").orElse(List.of());
        engine.stacks().get(stackId);
        docker.requireReachable();
        accepted(ctx, engine.commands().runtimeAction(stackId, action, services, Requests.actor(ctx)));
    }

    void deploy(Context ctx) {
        String stackId = ctx.pathParam("id");
        Requests.Body body = Requests.body(ctx, Set.of("service", "artifact", "target_path"));
        String service = body.requiredString("service");
        String artifact = body.requiredString("artifact");
        String target = body.requiredString("target_path");
        engine.stacks().get(stackId);
        accepted(ctx, engine.commands().deployArtifact(stackId, service, artifact, target, Requests.actor(ctx)));
    }

    /** 202 with the command and its Location. */
    static void accepted(Context ctx, Command c) {
        ctx.status(202).header("Location", Route.BASE + "/commands/" + c.commandId()).json(Views.command(c));
    }
}
