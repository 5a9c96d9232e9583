package io.coremonitor.server.internal;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One route of the REST API, as data: registered with Javalin and described in the OpenAPI document from the same
 * value, so the two never disagree.
 *
 * @param method      the HTTP method
 * @param path        the path under {@code /api/v1}, with {@code {name}} path parameters
 * @param tag         the group it belongs to in the document
 * @param summary     one line
 * @param description more, when useful
 * @param status      the status of a successful answer
 * @param params      the query parameters it reads
 * @param request     the record of the JSON body it accepts, when it takes one
 * @param example     an example of that body (JSON), empty when none
 * @param response    the type of its JSON answer, when it answers JSON
 * @param produces    the media type of its other answer (text, HTML, a {@code text/event-stream}), empty when none
 * @param isPublic    true when it needs no token
 * @param handler     what answers it
 * @param base        the prefix of {@code path}: {@link #BASE}, or empty for a conventional root path ({@code /metrics})
 * @param consumes    the media types of a body that is not JSON (a file upload), streamed by its handler; empty when none
 * @param alsoOk      other successful statuses it answers with the same body ({@code 200} beside {@code 201}: it exists)
 */
public record Route(HandlerType method, String path, String tag, String summary, String description, int status,
        List<QueryParam> params, Optional<BodyType> request, String example, Optional<BodyType> response, String produces,
        boolean isPublic, Handler handler, String base, List<String> consumes, List<Integer> alsoOk) {

    /** The base path of every route. */
    public static final String BASE = "/api/v1";

    /** A query parameter: name, JSON schema type, and what it means. */
    public record QueryParam(String name, String type, String description) {
    }

    /**
     * The Java type of a JSON body, its schema made from it.
     *
     * @param type           the class (a record, or a generic one such as a page)
     * @param typeParameters its type arguments, if generic
     */
    public record BodyType(Type type, List<Type> typeParameters) {

        public BodyType {
            Objects.requireNonNull(type, "type");
            typeParameters = List.copyOf(typeParameters);
        }
    }

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(base, "base");
        params = List.copyOf(params);
        consumes = List.copyOf(consumes);
        alsoOk = List.copyOf(alsoOk);
    }

    /** The full path Javalin serves. */
    public String fullPath() {
        return base + path;
    }

    public static Builder get(String path, Handler handler) {
        return new Builder(HandlerType.GET, path, handler);
    }

    public static Builder post(String path, Handler handler) {
        return new Builder(HandlerType.POST, path, handler);
    }

    public static Builder put(String path, Handler handler) {
        return new Builder(HandlerType.PUT, path, handler);
    }

    public static Builder delete(String path, Handler handler) {
        return new Builder(HandlerType.DELETE, path, handler);
    }

    /** Fluent construction of a {@link Route}. */
    public static final class Builder {
        private final HandlerType method;
        private final String path;
        private final Handler handler;
        private String tag = "";
        private String summary = "";
        private String description = "";
        private int status = 200;
        private final List<QueryParam> params = new ArrayList<>();
        private Optional<BodyType> request = Optional.empty();
        private String example = "";
        private Optional<BodyType> response = Optional.empty();
        private String produces = "";
        private boolean isPublic;
        private String base = BASE;
        private final List<String> consumes = new ArrayList<>();
        private final List<Integer> alsoOk = new ArrayList<>();

        private Builder(HandlerType method, String path, Handler handler) {
            this.method = method;
            this.path = path;
            this.handler = handler;
        }

        public Builder tag(String value) {
            this.tag = value;
            return this;
        }

        public Builder summary(String value) {
            this.summary = value;
            return this;
        }

        public Builder description(String value) {
            this.description = value;
            return this;
        }

        public Builder status(int value) {
            this.status = value;
            return this;
        }

        public Builder param(String name, String type, String what) {
            params.add(new QueryParam(name, type, what));
            return this;
        }

        /** The JSON body it accepts: its record, and an example of it in one line. */
        public Builder accepts(Class<? extends Record> type, String exampleJson) {
            this.request = Optional.of(new BodyType(type, List.of()));
            this.example = exampleJson;
            return this;
        }

        /** The type of its JSON answer, with the type arguments of a generic one ({@code PageView<StackView>}). */
        public Builder returns(Class<?> type, Class<?>... typeParameters) {
            this.response = Optional.of(new BodyType(type, List.of(typeParameters)));
            return this;
        }

        /** The media type of an answer that is not JSON, or of the stream it answers instead of JSON. */
        public Builder produces(String mediaType) {
            this.produces = mediaType;
            return this;
        }

        /** The media types of a body that is not JSON (a file), which its handler streams. */
        public Builder consumes(String... mediaTypes) {
            consumes.addAll(List.of(mediaTypes));
            return this;
        }

        /** Another successful status it answers with the same body (200 beside 201: nothing new was made). */
        public Builder alsoOk(int value) {
            alsoOk.add(value);
            return this;
        }

        public Builder open() {
            this.isPublic = true;
            return this;
        }

        /** Served at {@code path} itself rather than under {@link #BASE}. */
        public Builder atRoot() {
            this.base = "";
            return this;
        }

        public Route build() {
            return new Route(method, path, tag, summary, description, status, params, request, example, response, produces,
                    isPublic, handler, base, consumes, alsoOk);
        }
    }
}
