package io.coremonitor.server.internal;

import io.coremonitor.engine.CoreMonitor;
import io.coremonitor.engine.RuntimeAction;
import io.coremonitor.engine.git.GitService;
import io.coremonitor.engine.git.GitSettings;
import io.coremonitor.model.Command;
import io.coremonitor.model.ComposeLoader;
import io.coremonitor.model.DefinitionFiles;
import io.coremonitor.model.InvalidDefinitionException;
import io.coremonitor.model.Stack;
import io.coremonitor.model.StackVersion;
import io.coremonitor.model.ValidationReport;
import io.coremonitor.server.internal.RequestBodies.CreateStackRequest;
import io.coremonitor.server.internal.RequestBodies.CreateVersionRequest;
import io.coremonitor.server.internal.RequestBodies.DeleteStackRequest;
import io.coremonitor.server.internal.RequestBodies.RuntimeActionRequest;
import io.coremonitor.server.internal.RequestBodies.VersionCommandRequest;
import io.coremonitor.store.VersionCreation;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Stacks and versions: queries, creation, and the WRITE commands on a stack. */
final class StackRoutes {

    private static final int MAX_POINTS = 1000;
    private static final int DEFAULT_POINTS = 200;

    private final CoreMonitor engine;
    private final DockerAccess docker;

    StackRoutes(CoreMonitor engine, DockerAccess docker) {
        this.engine = engine;
        this.docker = docker;
    }

    void list(Context ctx) {
        Optional<String> name = Params.text(ctx, "name");
        boolean deleted = Params.boolParam(ctx, "include_deleted");
        ctx.json(Views.page(engine.stacks().list(name, deleted, Params.page(ctx)), Views::stack));
    }

    /** A page of stacks with their stored status, drift seen and newest command: two SQL statements, no Docker call. */
    void overview(Context ctx) {
        Optional<String> name = Params.text(ctx, "name");
        boolean deleted = Params.boolParam(ctx, "include_deleted");
        ctx.json(Views.page(engine.stacks().overview(name, deleted, Params.page(ctx)),
                o -> Views.overview(o, engine.monitoring().drift(o.stack().stackId()))));
    }

    void get(Context ctx) {
        ctx.json(Views.stack(engine.stacks().get(ctx.pathParam("id"))));
    }

    void create(Context ctx) {
        CreateStackRequest req = CreateStackRequest.read(Requests.body(ctx, CreateStackRequest.class));
        Optional<GitSettings> git = req.git().map(GitBodies.GitRequest::settings);
        git.ifPresent(GitService::check);
        Stack stack;
        if (req.compose().isEmpty()) {
            // v1 is the file of the branch's newest commit, with its author and message
            stack = engine.git().createStack(req.name(), git.orElseThrow(), Requests.actor(ctx), req.stackId());
        } else {
            RequestBodies.ComposeText compose = req.compose().get();
            stack = asSent(compose, () -> engine.stacks().createStack(req.name(), compose.text(), req.variables(), req.files(),
                    req.author().orElse(Requests.actor(ctx)), req.comment().orElse(null), req.stackId()));
            if (git.isPresent()) {
                engine.git().follow(stack.stackId(), git.get(), Requests.actor(ctx));
                stack = engine.stacks().get(stack.stackId());
            }
        }
        ctx.status(201).header("Location", Route.BASE + "/stacks/" + stack.stackId()).json(Views.stack(stack));
    }

    void versions(Context ctx) {
        ctx.json(Views.page(engine.stacks().versions(ctx.pathParam("id"), Params.page(ctx)), Views::versionSummary));
    }

    void version(Context ctx) {
        String v = Params.versionPath(ctx, "version");
        ctx.json(Views.version(engine.stacks().version(ctx.pathParam("id"), v)));
    }

    void createVersion(Context ctx) {
        String stackId = ctx.pathParam("id");
        CreateVersionRequest req = CreateVersionRequest.read(Requests.body(ctx, CreateVersionRequest.class));
        VersionCreation creation = asSent(req.compose(), () -> engine.stacks().createVersion(stackId, req.compose().text(),
                req.variables(), req.files(), req.author().orElse(Requests.actor(ctx)), req.comment().orElse(null), req.parentVersion()));
        StackVersion v = creation.version();
        ctx.status(creation.created() ? 201 : 200)
                .header("Location", Route.BASE + "/stacks/" + stackId + "/versions/" + v.version())
                .json(Views.version(v));
    }

    /**
     * Checks a definition like creating a version would (the same body; {@code comment}, {@code author} and
     * {@code parent_version} are read and ignored) and answers what it found, with lines and columns; stores nothing.
     */
    void validate(Context ctx) {
        CreateVersionRequest req = CreateVersionRequest.read(Requests.body(ctx, CreateVersionRequest.class));
        ValidationReport report = ComposeLoader.validate(req.compose().text(), req.variables(),
                DefinitionFiles.sent(req.files()));
        ctx.json(ValidationBodies.ValidationView.of(report, req.compose()));
    }

    /**
     * Runs a creation; when its definition is invalid, the errors keep their positions only if the definition was sent
     * as text (the text of a JSON object was written by the server: its lines would point into nothing the client has).
     */
    private static <T> T asSent(RequestBodies.ComposeText compose, Supplier<T> creation) {
        try {
            return creation.get();
        } catch (InvalidDefinitionException e) {
            if (compose.fromObject()) {
                throw InvalidDefinitionException.located(compose.visible(e.locatedErrors()));
            }
            throw e;
        }
    }

    void diff(Context ctx) {
        String stackId = ctx.pathParam("id");
        String v = Params.versionPath(ctx, "version");
        String against = Params.versionQuery(ctx, "against");
        StackVersion to = engine.stacks().version(stackId, v);
        StackVersion from = engine.stacks().version(stackId, against);
        ctx.json(VersionDiff.between(stackId, against, Views.json(from.compose()), from.files(), v, Views.json(to.compose()),
                to.files()));
    }

    void plan(Context ctx) {
        String stackId = ctx.pathParam("id");
        String v = Params.versionPath(ctx, "version");
        List<String> profiles = Params.list(ctx, "profiles");
        Requests.profiles("profiles", profiles);
        engine.stacks().version(stackId, v);
        ctx.json(Views.plan(docker.call(() -> docker.inspector().plan(stackId, v, profiles))));
    }

    void status(Context ctx) {
        String stackId = ctx.pathParam("id");
        engine.stacks().get(stackId);
        boolean detail = Params.boolParam(ctx, "detail");
        ctx.json(Views.status(docker.call(() -> engine.monitoring().status(stackId, detail))));
    }

    void stats(Context ctx) {
        String stackId = ctx.pathParam("id");
        engine.stacks().get(stackId);
        Instant to = Params.instantParam(ctx, "to").orElse(engine.clock().instant());
        Instant from = Params.instantParam(ctx, "from").orElse(to.minus(Duration.ofHours(1)));
        if (!from.isBefore(to)) {
            throw new BadRequestException("from", "from must be before to");
        }
        int maxPoints = Params.intParam(ctx, "max_points", 1, MAX_POINTS, DEFAULT_POINTS);
        Optional<String> service = Params.text(ctx, "service");
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
        String v = Params.versionPath(ctx, "version");
        VersionCommandRequest req = VersionCommandRequest.read(Requests.body(ctx, VersionCommandRequest.class));
        List<String> profiles = req.profiles().orElse(List.of());
        engine.stacks().version(stackId, v);
        docker.requireReachable();
        Command c = rollback
                ? engine.commands().rollback(stackId, v, req.autoRollback(), profiles, req.recreateVolumes(), Requests.actor(ctx))
                : engine.commands().apply(stackId, v, req.autoRollback(), profiles, req.recreateVolumes(), Requests.actor(ctx));
        accepted(ctx, c);
    }

    void delete(Context ctx) {
        String stackId = ctx.pathParam("id");
        boolean removeVolumes = DeleteStackRequest.read(Requests.body(ctx, DeleteStackRequest.class)).removeVolumes();
        engine.stacks().get(stackId);
        docker.requireReachable();
        accepted(ctx, engine.commands().delete(stackId, removeVolumes, Requests.actor(ctx)));
    }

    void action(Context ctx, RuntimeAction action) {
        String stackId = ctx.pathParam("id");
        List<String> services = RuntimeActionRequest.read(Requests.body(ctx, RuntimeActionRequest.class)).services()
                .orElse(List.of());
        engine.stacks().get(stackId);
        docker.requireReachable();
        accepted(ctx, engine.commands().runtimeAction(stackId, action, services, Requests.actor(ctx)));
    }

    /** 202 with the command and its Location. */
    static void accepted(Context ctx, Command c) {
        ctx.status(202).header("Location", Route.BASE + "/commands/" + c.commandId()).json(Views.command(c));
    }
}
