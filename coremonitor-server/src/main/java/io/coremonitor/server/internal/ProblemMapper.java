package io.coremonitor.server.internal;

import io.coremonitor.model.CoreMonitorException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place that turns exceptions into {@code application/problem+json} answers. */
public final class ProblemMapper {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);
    private static final String TYPE_BASE = "https://coremonitor.io/problems/";

    private ProblemMapper() {
    }

    public static void register(Javalin app) {
        app.exception(HttpResponseException.class, (e, ctx) -> send(ctx, e.getStatus(), e.getMessage(), List.of()));
        app.exception(CoreMonitorException.class, (e, ctx) -> send(ctx, 409, e.getMessage(), List.of()));
        app.exception(Exception.class, (e, ctx) -> {
            String incident = UUID.randomUUID().toString();
            LOG.error("unexpected error on {} {} (incident {})", ctx.method(), ctx.path(), incident, e);
            send(ctx, 500, "unexpected server error; see the server log for incident " + incident, List.of());
        });
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                send(ctx, 404, "no route for " + ctx.method() + " " + ctx.path(), List.of());
            }
        });
    }

    /** Writes a problem body with the given status. */
    public static void send(Context ctx, int status, String detail, List<Problem.FieldError> errors) {
        String title = titleOf(status);
        Problem problem = new Problem(TYPE_BASE + title.toLowerCase().replace(' ', '-'), title, status, detail, errors);
        ctx.status(status).json(problem).contentType(Problem.CONTENT_TYPE);
    }

    private static String titleOf(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Payload Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }
}
