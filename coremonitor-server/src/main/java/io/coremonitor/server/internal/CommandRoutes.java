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
        Optional<String> stackId = Params.text(ctx, "stack_id");
        Optional<CommandStatus> status = Params.enumParam(ctx, "status", CommandStatus.class);
        Optional<CommandType> type = Params.enumParam(ctx, "type", CommandType.class);
        CommandFilter filter = new CommandFilter(stackId, status, type);
        ctx.json(Views.page(engine.commands().list(filter, Params.page(ctx)), Views::command));
    }

    void get(Context ctx) {
        ctx.json(Views.command(engine.commands().get(Params.commandId(ctx))));
    }

    /** 200 with the CANCELLED command; 202 when a cancel was requested from a RUNNING one (it ends cooperatively). */
    void cancel(Context ctx) {
        Command c = engine.commands().cancel(Params.commandId(ctx), Requests.actor(ctx));
        if (c.status() == CommandStatus.RUNNING) {
            StackRoutes.accepted(ctx, c);
        } else {
            ctx.json(Views.command(c));
        }
    }

    void retry(Context ctx) {
        ctx.json(Views.command(engine.commands().retry(Params.commandId(ctx), Requests.actor(ctx))));
    }

    void queue(Context ctx) {
        ctx.json(Views.queue(engine.status()));
    }
}
