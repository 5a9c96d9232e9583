package io.coremonitor.server.internal;

import io.coremonitor.engine.CoreMonitor;
import io.coremonitor.engine.catalog.ValueGenerator;
import io.coremonitor.engine.secrets.InvalidSecretException;
import io.coremonitor.engine.secrets.SecretValue;
import io.coremonitor.model.Page;
import io.coremonitor.model.StackNotFoundException;
import io.coremonitor.server.internal.RequestBodies.CreateSecretRequest;
import io.coremonitor.server.internal.RequestBodies.CreatedSecret;
import io.coremonitor.server.internal.RequestBodies.ReplaceSecretRequest;
import io.coremonitor.server.internal.RequestBodies.SecretInput;
import io.coremonitor.server.internal.SecretBodies.RevealedSecretView;
import io.coremonitor.server.internal.SecretBodies.SecretView;
import io.coremonitor.store.PageRequest;
import io.coremonitor.store.StoredSecret;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/**
 * The secret store's routes: create (a given or generated value), list, one, replace, delete, reveal. A value leaves the
 * server only in the answer of a create or replace that generated it, and in a reveal (logged with its caller).
 */
final class SecretRoutes {

    private final CoreMonitor engine;
    private final ValueGenerator generator;

    SecretRoutes(CoreMonitor engine, ValueGenerator generator) {
        this.engine = engine;
        this.generator = generator;
    }

    void create(Context ctx) {
        CreatedSecret req = CreateSecretRequest.read(Requests.body(ctx, CreateSecretRequest.class));
        Optional<String> generated = generated(req.input());
        StoredSecret stored;
        try {
            stored = engine.secrets().create(req.name(), req.stack(), value(req.input(), generated), Requests.actor(ctx));
        } catch (StackNotFoundException e) {
            throw new InvalidSecretException("stack", "no stack of id '" + req.stack().orElseThrow() + "': a secret belongs"
                    + " to an existing stack, or to none (global)");
        }
        ctx.status(201).header("Location", Route.BASE + "/secrets/" + stored.name()).json(SecretView.of(stored, generated));
    }

    /** {@code GET /secrets?stack=ID}: by name, a page after the {@code cursor} name. */
    void list(Context ctx) {
        Optional<String> stack = Params.text(ctx, "stack");
        PageRequest page = Params.page(ctx);
        List<StoredSecret> all = stack.map(engine.secrets()::listOfStack).orElseGet(engine.secrets()::list);
        List<StoredSecret> after = all.stream()
                .filter(s -> page.cursor().map(c -> s.name().compareTo(c) > 0).orElse(true)).toList();
        List<StoredSecret> items = after.stream().limit(page.limit()).toList();
        Optional<String> next = after.size() > items.size() ? Optional.of(items.get(items.size() - 1).name()) : Optional.empty();
        ctx.json(Views.page(new Page<>(items, next), SecretView::of));
    }

    void get(Context ctx) {
        ctx.json(SecretView.of(engine.secrets().get(ctx.pathParam("name"))));
    }

    void replace(Context ctx) {
        SecretInput input = ReplaceSecretRequest.read(Requests.body(ctx, ReplaceSecretRequest.class));
        Optional<String> generated = generated(input);
        StoredSecret stored = engine.secrets().replace(ctx.pathParam("name"), value(input, generated), Requests.actor(ctx));
        ctx.json(SecretView.of(stored, generated));
    }

    void delete(Context ctx) {
        engine.secrets().delete(ctx.pathParam("name"), Requests.actor(ctx));
        ctx.status(204);
    }

    void reveal(Context ctx) {
        String name = ctx.pathParam("name");
        SecretValue value = engine.secrets().reveal(name, Requests.actor(ctx));
        ctx.json(new RevealedSecretView(name, value.asString()));
    }

    private Optional<String> generated(SecretInput input) {
        return input.generate().map(generator::generate);
    }

    private static SecretValue value(SecretInput input, Optional<String> generated) {
        return SecretValue.of(generated.or(input::value).orElseThrow());
    }
}
