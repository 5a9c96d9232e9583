package io.coremonitor.server.internal;

import io.coremonitor.engine.CoreMonitor;
import io.coremonitor.engine.git.GitSyncResult;
import io.coremonitor.server.internal.GitBodies.GitRequest;
import io.coremonitor.server.internal.GitBodies.GitSyncView;
import io.coremonitor.server.internal.GitBodies.GitView;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.UnauthorizedResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes of a stack that follows a git repository, and its webhook. The webhook ({@code POST
 * /stacks/{id}/git/sync}) is signed like GitHub's: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body
 * with the server's git webhook secret>}; without that header it takes the API token like any route.
 */
final class GitRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(GitRoutes.class);
    /** The webhook's signature header (GitHub's name; Gitea and Forgejo send it too). */
    static final String SIGNATURE_HEADER = "X-Hub-Signature-256";
    private static final Pattern WEBHOOK_PATH = Pattern.compile("^" + Pattern.quote(Route.BASE) + "/stacks/[^/]+/git/sync$");

    private final CoreMonitor engine;
    private final Optional<byte[]> webhookSecret;
    /** Why a request may not call a route with the API token, if it may not (the server's bearer check). */
    private final Function<Context, Optional<String>> tokenRefusal;

    GitRoutes(CoreMonitor engine, Optional<String> webhookSecret,
            Function<Context, Optional<String>> tokenRefusal) {
        this.engine = engine;
        this.webhookSecret = webhookSecret.map(s -> s.getBytes(StandardCharsets.UTF_8));
        this.tokenRefusal = tokenRefusal;
    }

    /** Whether this request is for the webhook, which checks its own authentication. */
    static boolean isWebhook(Context ctx) {
        return WEBHOOK_PATH.matcher(ctx.path()).matches();
    }

    void get(Context ctx) {
        ctx.json(GitView.of(engine.git().following(ctx.pathParam("id"))));
    }

    void put(Context ctx) {
        GitRequest req = GitRequest.read(Requests.body(ctx, GitRequest.class));
        ctx.json(GitView.of(engine.git().follow(ctx.pathParam("id"), req.settings(), Requests.actor(ctx))));
    }

    void delete(Context ctx) {
        engine.git().unfollow(ctx.pathParam("id"), Requests.actor(ctx));
        ctx.status(204);
    }

    void sync(Context ctx) {
        String actor = authenticate(ctx);
        GitSyncResult result = engine.git().sync(ctx.pathParam("id"), actor);
        ctx.json(GitSyncView.of(result));
    }

    /** The actor of a sync: {@code git-webhook} for a signed request, the caller's for one with the API token. */
    private String authenticate(Context ctx) {
        String signature = ctx.header(SIGNATURE_HEADER);
        if (signature == null) {
            tokenRefusal.apply(ctx).ifPresent(why -> {
                throw new UnauthorizedResponse(why + ", or a webhook signature (" + SIGNATURE_HEADER + ")");
            });
            return Requests.actor(ctx);
        }
        byte[] secret = webhookSecret.orElseThrow(() -> new ForbiddenResponse("this server has no git webhook secret"
                + " (--git-webhook-secret): signed webhooks are refused"));
        if (!signature.startsWith("sha256=") || !MessageDigest.isEqual(expected(secret, ctx.bodyAsBytes()),
                signature.substring(7).trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            LOG.warn("git webhook for {} refused: the {} does not match the body and the webhook secret",
                    ctx.pathParam("id"), SIGNATURE_HEADER);
            throw new ForbiddenResponse("the " + SIGNATURE_HEADER + " signature does not match the body and this"
                    + " server's git webhook secret");
        }
        return "git-webhook";
    }

    private static byte[] expected(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body)).getBytes(StandardCharsets.US_ASCII);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
