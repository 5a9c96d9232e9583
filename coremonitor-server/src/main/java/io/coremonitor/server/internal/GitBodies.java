package io.coremonitor.server.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coremonitor.engine.git.GitCredentials;
import io.coremonitor.engine.git.GitFollowing;
import io.coremonitor.engine.git.GitSettings;
import io.coremonitor.engine.git.GitSyncResult;
import io.coremonitor.engine.secrets.SecretValue;
import io.coremonitor.store.GitCommitRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** The bodies of a stack that follows a git repository: the settings asked for, and the answers (never a credential). */
final class GitBodies {

    private GitBodies() {
    }

    /**
     * {@code git} of {@code POST /stacks} and the body of {@code PUT /stacks/{id}/git}.
     *
     * @param credentials a login for HTTPS: a user name and a password or a token
     */
    record GitRequest(@JsonProperty(required = true) String url, Optional<String> branch, Optional<String> path,
            Optional<GitCredentialsRequest> credentials, Optional<Boolean> autoApply) implements RequestBodies.RequestBody {

        /** The settings, their defaults filled in (branch {@code main}, path {@code compose.yaml}, no auto_apply). */
        GitSettings settings() {
            return new GitSettings(url, branch.orElse(GitSettings.DEFAULT_BRANCH), path.orElse(GitSettings.DEFAULT_PATH),
                    autoApply.orElse(false), credentials.map(c -> new GitCredentials(c.username(),
                            SecretValue.of(c.password().or(c::token).orElseThrow()))));
        }

        /** The body of {@code PUT /stacks/{id}/git}. */
        static GitRequest read(Requests.Body body) {
            return of(body);
        }

        /** The object at {@code field} of a body, when there is one. */
        static Optional<GitRequest> readField(Requests.Body body, String field) {
            JsonNode v = body.node().get(field);
            if (v == null || v.isNull()) {
                return Optional.empty();
            }
            if (!v.isObject()) {
                throw Requests.Body.wrongType(body.path(field), "an object", v);
            }
            String prefix = body.path(field) + ".";
            unknown((ObjectNode) v, GitRequest.class, prefix);
            return Optional.of(of(new Requests.Body((ObjectNode) v, prefix)));
        }

        private static GitRequest of(Requests.Body git) {
            Optional<GitCredentialsRequest> credentials = Optional.empty();
            JsonNode c = git.node().get("credentials");
            if (c != null && !c.isNull()) {
                if (!c.isObject()) {
                    throw Requests.Body.wrongType(git.path("credentials"), "an object", c);
                }
                String prefix = git.path("credentials") + ".";
                unknown((ObjectNode) c, GitCredentialsRequest.class, prefix);
                Requests.Body login = new Requests.Body((ObjectNode) c, prefix);
                String username = login.requiredString("username");
                Optional<String> password = login.string("password");
                Optional<String> token = login.string("token");
                if (password.isPresent() == token.isPresent()) {
                    throw new BadRequestException(login.path("password"), "give " + login.path("password") + " or "
                            + login.path("token") + ": one of them, not " + (password.isPresent() ? "both" : "neither"));
                }
                credentials = Optional.of(new GitCredentialsRequest(username, password, token));
            }
            Optional<Boolean> autoApply = git.has("auto_apply") ? Optional.of(git.bool("auto_apply", false))
                    : Optional.empty();
            return new GitRequest(git.requiredString("url"), git.nonBlankString("branch"), git.nonBlankString("path"),
                    credentials, autoApply);
        }

        private static void unknown(ObjectNode node, Class<? extends Record> type, String prefix) {
            List<Problem.FieldError> unknown = new ArrayList<>();
            var allowed = Requests.fieldNames(type);
            for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
                String name = it.next();
                if (!allowed.contains(name)) {
                    unknown.add(new Problem.FieldError(prefix + name, "unknown field '" + prefix + name + "' (allowed: "
                            + String.join(", ", allowed.stream().sorted().toList()) + ")"));
                }
            }
            if (!unknown.isEmpty()) {
                throw new BadRequestException("the body has " + unknown.size() + " unknown field(s)", unknown);
            }
        }

        /** Never printed with its password or token. */
        @Override
        public String toString() {
            return "GitRequest[url=" + url + ", branch=" + branch + ", path=" + path + ", credentials="
                    + (credentials.isPresent() ? "***" : "none") + ", autoApply=" + autoApply + "]";
        }
    }

    /** A login: {@code username} and one of {@code password} and {@code token} (the same thing to Git over HTTPS). */
    record GitCredentialsRequest(@JsonProperty(required = true) String username, Optional<String> password,
            Optional<String> token) implements RequestBodies.RequestBody {

        @Override
        public String toString() {
            return "GitCredentialsRequest[***]";
        }
    }

    /** {@code GET /stacks/{id}/git}: the settings without the credentials (only whether some are stored). */
    record GitView(String stackId, String url, String branch, String path, boolean autoApply, boolean credentials,
            Instant createdAt, String createdBy, Instant updatedAt, String updatedBy, Optional<Instant> lastSyncAt,
            Optional<String> lastCommit, Optional<String> lastError, List<GitCommitView> commits,
            List<GitCommitView> refused) {

        static GitView of(GitFollowing f) {
            return new GitView(f.stackId(), f.url(), f.branch(), f.path(), f.autoApply(), f.credentials(), f.createdAt(),
                    f.createdBy(), f.updatedAt(), f.updatedBy(), f.lastSyncAt(), f.lastCommit(), f.lastError(),
                    f.commits().stream().map(GitCommitView::of).toList(), f.refused().stream().map(GitCommitView::of).toList());
        }
    }

    /**
     * A commit that changed the followed file and what it made: {@code VERSION} (its version), {@code UNCHANGED} (the
     * latest version has its definition) or {@code REFUSED} (invalid or missing file: {@code errors}, nothing made).
     */
    record GitCommitView(String commit, String author, String message, String outcome, Optional<String> version,
            Instant seenAt, List<Problem.FieldError> errors) {

        static GitCommitView of(GitCommitRecord c) {
            return new GitCommitView(c.commitId(), c.author(), c.message(), c.outcome().name(), c.version(), c.seenAt(),
                    c.errors().map(GitCommitView::errors).orElse(List.of()));
        }

        private static List<Problem.FieldError> errors(String json) {
            try {
                List<Problem.FieldError> out = new ArrayList<>();
                for (JsonNode e : Requests.JSON.readTree(json)) {
                    out.add(new Problem.FieldError(e.path("path").asText(), e.path("message").asText(),
                            e.has("line") ? Optional.of(e.get("line").asInt()) : Optional.empty(),
                            e.has("column") ? Optional.of(e.get("column").asInt()) : Optional.empty()));
                }
                return out;
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored git commit errors are not JSON: " + e.getOriginalMessage(), e);
            }
        }
    }

    /** {@code POST /stacks/{id}/git/sync}: what the sync did. */
    record GitSyncView(String stackId, String head, List<GitCommitView> commits, Optional<String> version,
            Optional<Long> applyCommandId) {

        static GitSyncView of(GitSyncResult r) {
            return new GitSyncView(r.stackId(), r.head(), r.commits().stream().map(GitCommitView::of).toList(),
                    r.version(), r.applyCommandId());
        }
    }
}
