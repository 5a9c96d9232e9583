package io.coremonitor.server.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.coremonitor.engine.catalog.Generate;
import io.coremonitor.model.DeployCheck;
import io.coremonitor.model.Durations;
import io.coremonitor.model.LocatedError;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The request bodies, one record each. Their components are the fields a body may have (any other is refused); a
 * component marked {@code @JsonProperty(required = true)} must be there, an {@code Optional} one may be null. Each is
 * read strictly from a {@link Requests.Body} (every wrong type is a 400 naming its path).
 */
final class RequestBodies {

    private RequestBodies() {
    }

    /** Marks a request body record (its schema requires only the fields marked required). */
    interface RequestBody {
    }

    /**
     * A definition as sent: a YAML string, or a JSON object (kept as JSON text, which YAML reads).
     *
     * @param text       the YAML or JSON text
     * @param fromObject whether it was sent as a JSON object: its text was written by the server, so the positions of
     *                   its errors would point into nothing the client has
     */
    record ComposeText(String text, boolean fromObject) {

        /** The errors of this definition as the client should see them: without positions when it sent an object. */
        List<LocatedError> visible(List<LocatedError> errors) {
            return fromObject ? errors.stream().map(LocatedError::withoutPosition).toList() : errors;
        }
    }

    /** {@code POST /stacks}. */
    record CreateStackRequest(@JsonProperty(required = true) String name, Optional<ComposeText> compose,
            Optional<String> comment, Optional<String> author, Map<String, String> variables, Optional<String> stackId,
            @JsonPropertyDescription(FILES) Map<String, String> files, Optional<GitBodies.GitRequest> git) implements RequestBody {

        static CreateStackRequest read(Requests.Body body) {
            String name = body.requiredString("name");
            Optional<GitBodies.GitRequest> git = GitBodies.GitRequest.readField(body, "git");
            // with git and no compose, v1 is the repository's file
            Optional<ComposeText> compose = git.isPresent() && !body.has("compose") ? Optional.empty()
                    : Optional.of(body.requiredCompose("compose"));
            Map<String, String> variables = body.variables("variables");
            return new CreateStackRequest(name, compose, body.string("comment"), body.nonBlankString("author"), variables,
                    body.string("stack_id"), body.texts("files"), git);
        }
    }

    private static final String FILES = "the files the definition's env_file entries name, by the relative path written"
            + " there ({\"./app.env\": \"A=1\\n\"}); kept with the version";

    /** {@code POST /stacks/{id}/versions}; {@code parent_version}, when given, must be the latest version. */
    record CreateVersionRequest(@JsonProperty(required = true) ComposeText compose, Optional<String> comment,
            Optional<String> author, Map<String, String> variables, Optional<String> parentVersion,
            @JsonPropertyDescription(FILES) Map<String, String> files) implements RequestBody {

        static CreateVersionRequest read(Requests.Body body) {
            ComposeText compose = body.requiredCompose("compose");
            Optional<String> parent = body.string("parent_version").map(p -> Requests.versionLabel("parent_version", p));
            Optional<String> author = body.nonBlankString("author");
            return new CreateVersionRequest(compose, body.string("comment"), author, body.variables("variables"), parent,
                    body.texts("files"));
        }
    }

    /**
     * {@code POST /stacks/{id}/apply/{version}} and {@code .../rollback/{version}}; {@code profiles}: the compose
     * profiles to activate (as {@code docker compose --profile}; {@code *} for all); {@code recreate_volumes} lets the
     * command recreate a volume whose settings changed (its data is lost).
     */
    record VersionCommandRequest(boolean autoRollback,
            @JsonPropertyDescription("the compose profiles to activate, as docker compose --profile ('*': all); services"
                    + " with profiles are deployed only when one of theirs is active") Optional<List<String>> profiles,
            @JsonPropertyDescription("let the command recreate a volume whose settings changed (its data is lost);"
                    + " without it such a plan is refused") boolean recreateVolumes)
            implements RequestBody {

        static VersionCommandRequest read(Requests.Body body) {
            Optional<List<String>> profiles = body.strings("profiles");
            profiles.ifPresent(p -> Requests.profiles("profiles", p));
            return new VersionCommandRequest(body.bool("auto_rollback", false), profiles, body.bool("recreate_volumes", false));
        }
    }

    /** {@code POST /stacks/{id}/delete}. */
    record DeleteStackRequest(boolean removeVolumes) implements RequestBody {

        static DeleteStackRequest read(Requests.Body body) {
            return new DeleteStackRequest(body.bool("remove_volumes", false));
        }
    }

    /** {@code POST /stacks/{id}/actions/{action}}: the services to act on, all when absent or empty. */
    record RuntimeActionRequest(Optional<List<String>> services) implements RequestBody {

        static RuntimeActionRequest read(Requests.Body body) {
            return new RuntimeActionRequest(body.strings("services"));
        }
    }

    /**
     * {@code POST /stacks/{id}/deploy}: an uploaded artifact (its SHA-256) into a service with
     * {@code x-coremonitor-deploy}. {@code target_path} is the deprecated name of {@code path}: accepted, and refused
     * only when both are given and differ.
     */
    record DeployRequest(@JsonProperty(required = true) String service, @JsonProperty(required = true) String artifact,
            @JsonPropertyDescription("the context path (/app; / for the root context); default: / for nginx, the"
                    + " artifact's file name without extension for tomcat and wildfly") Optional<String> path,
            @JsonPropertyDescription("deprecated: the old name of path") Optional<String> targetPath,
            @JsonPropertyDescription("the HTTP check that decides success; default: a GET of the path answering 2xx or 3xx")
            Optional<DeployCheckBody> check) implements RequestBody {

        static DeployRequest read(Requests.Body body) {
            String service = body.requiredString("service");
            String artifact = body.requiredString("artifact");
            Optional<String> path = body.nonBlankString("path");
            Optional<String> targetPath = body.nonBlankString("target_path");
            if (path.isPresent() && targetPath.isPresent() && !path.equals(targetPath)) {
                throw new BadRequestException("target_path", "target_path is the deprecated name of path: give one, or"
                        + " both with the same value (path '" + Requests.abbreviate(path.get()) + "', target_path '"
                        + Requests.abbreviate(targetPath.get()) + "')");
            }
            return new DeployRequest(service, artifact, path.or(() -> targetPath), Optional.empty(), DeployCheckBody.read(body));
        }

        /** The engine's request. */
        io.coremonitor.engine.DeployRequest toEngine() {
            return new io.coremonitor.engine.DeployRequest(service, artifact, path, check.map(DeployCheckBody::toModel));
        }
    }

    /**
     * The {@code check} of a deployment: a GET of {@code path} inside the container must answer {@code status}
     * (0 or absent: any 2xx or 3xx).
     */
    record DeployCheckBody(@JsonProperty(required = true) String path,
            @JsonPropertyDescription("the expected HTTP status; 0 or absent: any 2xx or 3xx") Optional<Integer> status)
            implements RequestBody {

        private static final Set<String> FIELDS = Requests.fieldNames(DeployCheckBody.class);

        static Optional<DeployCheckBody> read(Requests.Body body) {
            JsonNode v = body.node().get("check");
            if (v == null || v.isNull()) {
                return Optional.empty();
            }
            if (!v.isObject()) {
                throw new BadRequestException("check", "check must be an object {\"path\", \"status\"}, got "
                        + v.getNodeType().name().toLowerCase(Locale.ROOT));
            }
            for (Iterator<String> it = v.fieldNames(); it.hasNext();) {
                String name = it.next();
                if (!FIELDS.contains(name)) {
                    throw new BadRequestException("check." + name, "unknown field 'check." + name + "' (allowed: "
                            + String.join(", ", FIELDS) + ")");
                }
            }
            JsonNode path = v.get("path");
            if (path == null || !path.isTextual() || path.asText().isBlank()) {
                throw new BadRequestException("check.path", "check.path is required: an absolute request path such as"
                        + " /app/health");
            }
            JsonNode status = v.get("status");
            Optional<Integer> code = Optional.empty();
            if (status != null && !status.isNull()) {
                if (!status.canConvertToInt() || !status.isIntegralNumber()) {
                    throw new BadRequestException("check.status", "check.status must be an HTTP status (100 to 599) or 0,"
                            + " got " + Requests.abbreviate(status.toString()));
                }
                code = Optional.of(status.asInt());
            }
            DeployCheckBody check = new DeployCheckBody(path.asText(), code);
            try {
                check.toModel();
            } catch (IllegalArgumentException e) {
                String field = e.getMessage().startsWith("a check status") ? "check.status" : "check.path";
                throw new BadRequestException(field, field + ": " + e.getMessage());
            }
            return Optional.of(check);
        }

        DeployCheck toModel() {
            return new DeployCheck(path, status.orElse(DeployCheck.ANY_SUCCESS));
        }
    }

    /** {@code POST /artifacts/prune}: delete the artifacts older than this that no deployment references. */
    record PruneRequest(@JsonProperty(required = true)
            @JsonPropertyDescription("a duration: 30d, 12h, 90m, 1d12h (Go's units, and d for days)") String olderThan)
            implements RequestBody {

        static PruneRequest read(Requests.Body body) {
            String text = body.string("older_than").filter(t -> !t.isBlank()).orElseThrow(() -> new BadRequestException(
                    "older_than", "older_than is required: a duration such as 30d, 12h or 90m"));
            if (Durations.parseWithDays(text).isEmpty()) {
                throw new BadRequestException("older_than", "older_than must be a duration such as 30d, 12h, 90m or 1d12h,"
                        + " got '" + Requests.abbreviate(text) + "'");
            }
            return new PruneRequest(text);
        }

        Duration age() {
            return Durations.parseWithDays(olderThan).orElseThrow();
        }
    }

    /**
     * The value of a secret as a create or replace gives it: either {@code value} (the text itself) or {@code generate}
     * ({@code password}: 24 letters and digits; {@code hex:N}: N hexadecimal digits, 1 to 256), never both.
     */
    record SecretInput(Optional<String> value, Optional<Generate> generate) {

        static SecretInput read(Requests.Body body) {
            Optional<String> value = body.string("value");
            Optional<String> spec = body.string("generate");
            if (value.isPresent() == spec.isPresent()) {
                throw new BadRequestException(value.isPresent() ? "generate" : "value",
                        "give either value (the secret itself) or generate (password, or hex:N), not "
                                + (value.isPresent() ? "both" : "neither"));
            }
            if (value.isPresent() && value.get().isEmpty()) {
                throw new BadRequestException("value", "value must not be empty");
            }
            Optional<Generate> generate = spec.map(text -> Generate.parse(text).orElseThrow(() -> new BadRequestException(
                    "generate", "generate must be password or hex:N (N from 1 to 256), got '" + Requests.abbreviate(text)
                            + "'")));
            return new SecretInput(value, generate);
        }
    }

    /** {@code POST /secrets}: a new secret, global or of one stack. */
    record CreateSecretRequest(@JsonProperty(required = true)
            @JsonPropertyDescription("lower-case letters, digits, '.', '_' and '-', starting with a letter or digit, at"
                    + " most 128") String name,
            @JsonPropertyDescription("the value itself (never answered back); or give generate") Optional<String> value,
            @JsonPropertyDescription("password or hex:N: the server makes the value and answers it this once")
            Optional<String> generate,
            @JsonPropertyDescription("the id of the stack it belongs to (only that stack may use it); absent: global")
            Optional<String> stack) implements RequestBody {

        static CreatedSecret read(Requests.Body body) {
            String name = body.requiredString("name");
            Optional<String> stack = body.nonBlankString("stack");
            return new CreatedSecret(name, stack, SecretInput.read(body));
        }
    }

    /** A create as read. */
    record CreatedSecret(String name, Optional<String> stack, SecretInput input) {
    }

    /** {@code PUT /secrets/{name}}: a new value for a secret. */
    record ReplaceSecretRequest(
            @JsonPropertyDescription("the new value itself (never answered back); or give generate") Optional<String> value,
            @JsonPropertyDescription("password or hex:N: the server makes the new value and answers it this once")
            Optional<String> generate) implements RequestBody {

        static SecretInput read(Requests.Body body) {
            return SecretInput.read(body);
        }
    }
}
