package io.coremonitor.server.internal;

import io.coremonitor.engine.CoreMonitor;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.CommandType;
import io.coremonitor.store.CommandFilter;
import io.javalin.http.Context;
import java.util.Optional;

/** Commands: queries, cancel, retry, and the queue at a glance. */
final class CommandRoutes {

    private final CoreMonitor engine;

    CommandRoutes(CoreMonitor engine) {
        this.engine = engine;
    }

    void list(Context ctx) {
        Optional<String> stackId = Optional.ofNullable(ctx.queryParam("stack_id")).filter(s -> !s.isBlank());
        Optional<CommandStatus> status = Requests.enumParam(ctx, "status", CommandStatus.class);
        Optional<CommandType> type = Requests.enumParam(ctx, "type", CommandType.class);
        CommandFilter filter = new CommandFilter(stackId, status, type);
        ctx.json(Views.page(engine.commands().list(filter, Requests.page(ctx)), Views::command));
    }

    void get(Context ctx) {
        ctx.json(Views.command(engine.commands().get(Requests.commandId(ctx))));
    }

    /** 200 with the CANCELLED command; 202 when a cancel was requested from a RUNNING one (it ends cooperatively). */
    void cancel(Context ctx) {
        Command c = engine.commands().cancel(Requests.commandId(ctx), Requests.actor(ctx));
        if (c.status() == CommandStatus.RUNNING) {
            StackRoutes.accepted(ctx, c);
        } else {
            ctx.json(Views.command(c));
        }
    }

    void retry(Context ctx) {
        ctx.json(Views.command(engine.commands().retry(Requests.commandId(ctx), Requests.actor(ctx))));
    }

    void queue(Context ctx) {
        ctx.json(Views.queue(engine.status()));
    }
}
