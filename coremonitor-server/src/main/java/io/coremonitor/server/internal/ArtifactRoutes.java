package io.coremonitor.server.internal;

import io.coremonitor.engine.ArtifactTooLargeException;
import io.coremonitor.engine.CoreMonitor;
import io.coremonitor.engine.StoredArtifact;
import io.coremonitor.server.internal.ArtifactBodies.ArtifactView;
import io.coremonitor.server.internal.ArtifactBodies.PruneView;
import io.coremonitor.server.internal.RequestBodies.PruneRequest;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Uploaded artifacts: the upload (streamed from the request to the engine, which writes it to a temporary file, never
 * to memory; so Javalin's request size limit, which applies to bodies read whole, does not apply here: the artifact
 * limit does), the list, one, delete and prune.
 */
final class ArtifactRoutes {

    /** Room for the framing of a multipart form around its file: boundaries, part headers, small fields. */
    static final long MULTIPART_OVERHEAD = 64L * 1024;
    static final String FILE_PART = "file";

    private final CoreMonitor engine;

    ArtifactRoutes(CoreMonitor engine) {
        this.engine = engine;
    }

    /**
     * {@code POST /artifacts?name=FILE}: the raw body, or the part {@code file} of a {@code multipart/form-data} form.
     * A Content-Length over the limit is refused before anything is read (413); a body without one is counted while
     * it is stored.
     */
    void upload(Context ctx) throws IOException {
        long max = engine.artifacts().settings().maxSize();
        Optional<String> name = Params.text(ctx, "name");
        String contentType = ctx.contentType();
        long length = ctx.req().getContentLengthLong();
        String actor = Requests.actor(ctx);
        UploadBody body;
        String fileName;
        if (UploadBody.isMultipart(contentType)) {
            String boundary = UploadBody.boundary(contentType).orElseThrow(() -> new BadRequestException("Content-Type",
                    "a multipart/form-data body needs the boundary parameter in its Content-Type"));
            if (length > max + MULTIPART_OVERHEAD) {
                throw tooLarge(length, max);
            }
            UploadBody.FilePart part = UploadBody.part(ctx.req().getInputStream(), boundary, FILE_PART, MULTIPART_OVERHEAD);
            fileName = name.or(part::fileName).orElseThrow(() -> new BadRequestException("name",
                    "name is required: ?name=FILE, or the file name of the form's part 'file'"));
            body = part.body();
        } else {
            fileName = name.orElseThrow(() -> new BadRequestException("name",
                    "name is required: the artifact's file name, ?name=shop-1.4.war"));
            if (length > max) {
                throw tooLarge(length, max);
            }
            body = UploadBody.raw(ctx.req().getInputStream());
        }
        StoredArtifact stored;
        try {
            stored = engine.artifacts().store(body, fileName, actor);
        } catch (UncheckedIOException e) {
            // the engine reports every read failure as its own; one of the request is the client's (it left, or sent a
            // malformed form)
            Optional<IOException> cause = body.failure();
            if (cause.isPresent()) {
                throw new BadRequestException("$body", "the upload could not be read to its end: "
                        + cause.get().getMessage());
            }
            throw e;
        }
        ctx.status(stored.created() ? 201 : 200)
                .header("Location", Route.BASE + "/artifacts/" + stored.artifact().sha256())
                .json(ArtifactView.of(stored.artifact()));
    }

    private static ArtifactTooLargeException tooLarge(long length, long max) {
        return new ArtifactTooLargeException("the upload is " + length + " bytes, more than the artifact size limit of "
                + max + " bytes");
    }

    void list(Context ctx) {
        ctx.json(Views.page(engine.artifacts().list(Params.page(ctx)), ArtifactView::of));
    }

    void get(Context ctx) {
        ctx.json(ArtifactView.of(engine.artifacts().get(ctx.pathParam("sha256"))));
    }

    void delete(Context ctx) {
        engine.artifacts().delete(ctx.pathParam("sha256"));
        ctx.status(204);
    }

    void prune(Context ctx) {
        PruneRequest req = PruneRequest.read(Requests.body(ctx, PruneRequest.class));
        ctx.json(new PruneView(engine.artifacts().prune(req.age())));
    }
}
