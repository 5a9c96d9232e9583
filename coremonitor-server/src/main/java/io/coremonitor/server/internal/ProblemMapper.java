package io.coremonitor.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.coremonitor.engine.ArtifactInUseException;
import io.coremonitor.engine.ArtifactNotFoundException;
import io.coremonitor.engine.ArtifactTooLargeException;
import io.coremonitor.engine.CommandFailedException;
import io.coremonitor.engine.CommandRejectedException;
import io.coremonitor.engine.DeploymentNotFoundException;
import io.coremonitor.engine.InvalidInputException;
import io.coremonitor.engine.catalog.InvalidCatalogException;
import io.coremonitor.engine.databases.DatabaseConflictException;
import io.coremonitor.engine.databases.DatabaseFailedException;
import io.coremonitor.engine.databases.DatabaseNotFoundException;
import io.coremonitor.engine.git.GitNotFollowedException;
import io.coremonitor.engine.git.GitSyncFailedException;
import io.coremonitor.engine.secrets.DuplicateSecretException;
import io.coremonitor.engine.secrets.SecretDecryptionException;
import io.coremonitor.engine.secrets.SecretKeyException;
import io.coremonitor.engine.secrets.SecretNotFoundException;
import io.coremonitor.model.CommandNotFoundException;
import io.coremonitor.model.CommandStatusConflictException;
import io.coremonitor.model.CoreMonitorException;
import io.coremonitor.model.DuplicateStackIdException;
import io.coremonitor.model.DuplicateStackNameException;
import io.coremonitor.model.IllegalTransitionException;
import io.coremonitor.model.InvalidDefinitionException;
import io.coremonitor.model.StackNotFoundException;
import io.coremonitor.model.VersionConflictException;
import io.coremonitor.model.VersionNotFoundException;
import io.coremonitor.store.InvalidPageRequestException;
import io.coremonitor.store.StorageFullException;
import io.coremonitor.store.StoreException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.validation.ValidationError;
import io.javalin.validation.ValidationException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns exceptions into {@code application/problem+json} answers (RFC 9457). Each domain exception
 * has its status: unknown ids 404; invalid definitions 422 with every error, its path and (a definition sent as text)
 * its line and column; unreadable requests 400 with the path (a bad query or path parameter: one error per parameter,
 * the path being its name); state conflicts 409 (an artifact a deployment references); an upload over the artifact
 * size limit 413; an unusable artifact or deployment request 422; a catalog file that cannot be used 422 (its field
 * as the path); a managed database request that cannot be used 422, its project without one 404, one there already or
 * its port taken 409, a database that did not start (what was made removed) or a dump that failed 502; a stack
 * that follows no git repository 404, a followed repository that cannot be read 502 (never with a credential);
 * Docker unreachable 503; the database unavailable 503 with {@code Retry-After}, its storage full 507. Anything else
 * is a 500 with an incident id (a bug).
 */
public final class ProblemMapper {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);
    private static final String TYPE_BASE = "https://coremonitor.io/problems/";
    private static final String STORE_RETRY_AFTER_SECONDS = "5";

    private ProblemMapper() {
    }

    public static void register(Javalin app) {
        app.exception(HttpResponseException.class, (e, ctx) -> {
            if (e.getStatus() == 401) {
                ctx.header(Header.WWW_AUTHENTICATE, "Bearer realm=\"coremonitor\"");
            }
            send(ctx, e.getStatus(), detailOf(e, ctx), List.of());
        });
        app.exception(BadRequestException.class, (e, ctx) -> send(ctx, 400, e.getMessage(), e.errors()));
        app.exception(ValidationException.class, (e, ctx) -> {
            List<Problem.FieldError> errors = fieldErrors(e);
            String detail = errors.size() == 1 ? errors.get(0).message() : errors.size() + " parameters are invalid: "
                    + String.join("; ", errors.stream().map(Problem.FieldError::message).toList());
            send(ctx, 400, detail, errors);
        });
        // the API checks limit before the store sees it (Params.page); the store names the field of a page error
        app.exception(InvalidPageRequestException.class, (e, ctx) -> send(ctx, 400, e.getMessage(),
                List.of(new Problem.FieldError(e.field(), e.getMessage()))));
        app.exception(InvalidDefinitionException.class, (e, ctx) -> send(ctx, 422,
                e.errors().size() + (e.errors().size() == 1 ? " error" : " errors") + " in the definition: "
                        + e.errors().get(0),
                e.locatedErrors().stream().map(Problem.FieldError::of).toList()));
        // a component file that cannot be used (POST /catalog/reload): the error's path is the field in that file
        app.exception(InvalidCatalogException.class, (e, ctx) -> send(ctx, 422, "the catalog was not reloaded (the"
                + " catalog in use stays): " + e.getMessage(), List.of(new Problem.FieldError(e.field(), e.getMessage()))));
        // the wizard's refusals keep each error's fix and suggestions beside its path and message
        app.exception(WizardRefusedException.class, (e, ctx) -> sendRules(ctx, e.status(), e.getMessage(), e.errors()));
        app.exception(WizardNotUsedException.class, (e, ctx) -> send(ctx, 404, e.getMessage(), List.of()));
        app.exception(StackNotFoundException.class, (e, ctx) -> send(ctx, 404, e.getMessage(), List.of()));
        app.exception(VersionNotFoundException.class, (e, ctx) -> send(ctx, 404, e.getMessage(), List.of()));
        app.exception(CommandNotFoundException.class, (e, ctx) -> send(ctx, 404, e.getMessage(), List.of()));
        app.exception(DuplicateStackNameException.class, (e, ctx) -> send(ctx, 409, e.getMessage(), List.of()));
        app.exception(DuplicateStackIdException.class, (e, ctx) -> send(ctx, 409, e.getMessage(), List.of()));
        app.exception(VersionConflictException.class, (e, ctx) -> send(ctx, 409, e.getMessage(), List.of()));
        app.exception(IllegalTransitionException.class, (e, ctx) -> send(ctx, 409, e.getMessage(), List.of()));
        app.exception(CommandStatusConflictException.class, (e, ctx) -> send(ctx, 409, e.getMessage(), List.of()));
        app.exception(CommandRejectedException.class, (e, ctx) -> send(ctx, 409, e.getMessage(), List.of()));
        app.exception(CommandFailedException.class, (e, ctx) -> send(ctx, 422, e.getMessage(), List.of()));
        app.exception(ArtifactNotFoundException.class, (e, ctx) -> send(ctx, 404, e.getMessage(), List.of()));
        app.exception(DeploymentNotFoundException.class, (e, ctx) -> send(ctx, 404, e.getMessage(), List.of()));
        app.exception(ArtifactInUseException.class, (e, ctx) -> send(ctx, 409, e.getMessage(), List.of()));
        app.exception(ArtifactTooLargeException.class, (e, ctx) -> send(ctx, 413, e.getMessage(), List.of()));
        // InvalidArtifactException, InvalidDeploymentException, InvalidSecretException, ...
        app.exception(InvalidInputException.class, (e, ctx) -> send(ctx, 422, e.getMessage(),
                List.of(new Problem.FieldError(e.field(), e.getMessage()))));
        app.exception(ServiceUnavailableException.class, (e, ctx) -> send(ctx, 503, e.getMessage(), List.of()));
        app.exception(SecretNotFoundException.class, (e, ctx) -> send(ctx, 404, e.getMessage(), List.of()));
        app.exception(DuplicateSecretException.class, (e, ctx) -> send(ctx, 409, e.getMessage(), List.of()));
        app.exception(GitNotFollowedException.class, (e, ctx) -> send(ctx, 404, e.getMessage(), List.of()));
        // the followed repository could not be read: the message names it and the branch, never a credential
        app.exception(GitSyncFailedException.class, (e, ctx) -> send(ctx, 502, e.getMessage(), List.of()));
        app.exception(DatabaseNotFoundException.class, (e, ctx) -> send(ctx, 404, e.getMessage(), List.of()));
        app.exception(DatabaseConflictException.class, (e, ctx) -> send(ctx, 409, e.getMessage(), List.of()));
        // the database did not start (what was made is removed), or a dump, restore or removal failed in Docker
        app.exception(DatabaseFailedException.class, (e, ctx) -> send(ctx, 502, e.getMessage(), List.of()));
        // the key setting or file cannot be used (it is read with the first secret when none existed at start)
        app.exception(SecretKeyException.class, (e, ctx) -> send(ctx, 503, e.getMessage(), List.of()));
        app.exception(SecretDecryptionException.class, (e, ctx) -> {
            LOG.error("secret store: {}", e.getMessage());
            send(ctx, 500, e.getMessage(), List.of());
        });
        app.exception(StorageFullException.class, (e, ctx) -> {
            LOG.warn("store full on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            send(ctx, 507, "the write could not be stored: " + e.getMessage(), List.of());
        });
        app.exception(StoreException.class, (e, ctx) -> {
            LOG.warn("store error on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            ctx.header(Header.RETRY_AFTER, STORE_RETRY_AFTER_SECONDS);
            send(ctx, 503, "the database cannot serve this request now: " + e.getMessage(), List.of());
        });
        app.exception(JdbiException.class, (e, ctx) -> {
            // the store translates its errors; one that escaped anyway (through Store.jdbi()) is still the database's
            StoreException translated = StoreException.from(e);
            LOG.warn("database error on {} {}: {}", ctx.method(), ctx.path(), translated.getMessage());
            ctx.header(Header.RETRY_AFTER, STORE_RETRY_AFTER_SECONDS);
            send(ctx, 503, "the database cannot serve this request now: " + translated.getMessage(), List.of());
        });
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
        app.error(405, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty() || !isProblem(ctx)) {
                send(ctx, 405, "method " + ctx.method() + " is not allowed on " + ctx.path(), List.of());
            }
        });
    }

    /** One error per parameter: what was expected, and what was given. */
    static List<Problem.FieldError> fieldErrors(ValidationException e) {
        List<Problem.FieldError> out = new ArrayList<>();
        e.getErrors().forEach((field, errors) -> out.add(new Problem.FieldError(field, String.join("; ",
                errors.stream().map(error -> explain(field, error)).toList()))));
        return out;
    }

    private static String explain(String field, ValidationError<Object> error) {
        String message = switch (error.getMessage()) {
            case Params.TYPE_CONVERSION_FAILED -> field + " has the wrong type";
            case Params.NULLCHECK_FAILED -> field + " is required";
            default -> error.getMessage();
        };
        Object value = error.getValue();
        if (value == null) {
            return message;
        }
        return message + ", got " + (value instanceof String text ? "'" + Requests.abbreviate(text) + "'" : value);
    }

    private static boolean isProblem(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith(Problem.CONTENT_TYPE);
    }

    private static String detailOf(HttpResponseException e, Context ctx) {
        return switch (e.getStatus()) {
            case 405 -> "method " + ctx.method() + " is not allowed on " + ctx.path();
            case 413 -> "the request body is larger than " + HttpApi.MAX_REQUEST_BYTES + " bytes";
            default -> e.getMessage();
        };
    }

    /** Writes a problem body with the given status. */
    public static void send(Context ctx, int status, String detail, List<Problem.FieldError> errors) {
        String title = titleOf(status);
        Problem problem = new Problem(TYPE_BASE + title.toLowerCase(Locale.ROOT).replace(' ', '-'), title, status, detail,
                errors);
        ctx.status(status).json(problem).contentType(Problem.CONTENT_TYPE);
    }

    /** A problem body whose errors are the wizard's rule messages ({@code path}, {@code message}, {@code fix}, ...). */
    private static void sendRules(Context ctx, int status, String detail, List<WizardBodies.RuleMessageView> errors) {
        String title = titleOf(status);
        ctx.status(status).json(new WizardBodies.RulesProblem(TYPE_BASE + title.toLowerCase(Locale.ROOT).replace(' ', '-'),
                title, status, detail, List.copyOf(errors))).contentType(Problem.CONTENT_TYPE);
    }

    /**
     * Jetty's handler of requests it refuses before any route sees them (a URI with {@code %00}, a bad header, ...):
     * a problem body too, instead of Jetty's HTML "Bad Message".
     */
    public static ErrorHandler jettyErrorHandler() {
        return new ErrorHandler() {
            @Override
            public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
                String title = titleOf(status);
                String detail = "the request was refused before routing: " + (reason == null ? title : reason);
                List<Problem.FieldError> errors = status == 400 ? List.of(new Problem.FieldError("$request", detail))
                        : List.of();
                Problem problem = new Problem(TYPE_BASE + title.toLowerCase(Locale.ROOT).replace(' ', '-'), title, status,
                        detail, errors);
                fields.put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
                try {
                    return ByteBuffer.wrap(JsonMapperFactory.create().writeValueAsBytes(problem));
                } catch (JsonProcessingException e) {
                    return super.badMessageError(status, reason, fields);
                }
            }
        };
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
            case 507 -> "Insufficient Storage";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }
}
