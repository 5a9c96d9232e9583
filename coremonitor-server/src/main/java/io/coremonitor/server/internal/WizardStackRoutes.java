package io.coremonitor.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.coremonitor.server.internal.WizardBodies.WizardStackRequest;
import io.coremonitor.server.internal.WizardBodies.WizardStackView;
import io.javalin.http.Context;

/**
 * The wizard's writes: {@code POST /wizard/stacks} (a new stack from the choices), {@code GET /stacks/{id}/wizard} (the
 * choices it was made from) and {@code POST /stacks/{id}/wizard} (its next version from new choices).
 */
final class WizardStackRoutes {

    private final WizardStacks stacks;

    WizardStackRoutes(WizardStacks stacks) {
        this.stacks = stacks;
    }

    void create(Context ctx) {
        WizardStackRequest req = WizardStackRequest.read(Requests.body(ctx, WizardStackRequest.class));
        WizardStacks.Made made = stacks.create(req, Requests.actor(ctx));
        ctx.status(201).header("Location", Route.BASE + "/stacks/" + made.stack().stackId()).json(view(made));
    }

    void choices(Context ctx) {
        String stored = stacks.choices(ctx.pathParam("id"));
        try {
            ctx.json(Requests.JSON.readTree(stored));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored wizard choices are not JSON", e);
        }
    }

    void next(Context ctx) {
        String stackId = ctx.pathParam("id");
        WizardStackRequest req = WizardStackRequest.read(Requests.body(ctx, WizardStackRequest.class));
        WizardStacks.Made made = stacks.next(stackId, req, Requests.actor(ctx));
        ctx.status(made.created() ? 201 : 200)
                .header("Location", Route.BASE + "/stacks/" + stackId + "/versions/" + made.version().version())
                .json(view(made));
    }

    private static WizardStackView view(WizardStacks.Made made) {
        return new WizardStackView(Views.stack(made.stack()), made.version().version(), made.secrets(),
                made.command().map(Views::command));
    }
}
