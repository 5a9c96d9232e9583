package io.coremonitor.server.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.coremonitor.model.LocatedError;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    record CreateStackRequest(@JsonProperty(required = true) String name, @JsonProperty(required = true) ComposeText compose,
            Optional<String> comment, Optional<String> author, Map<String, String> variables, Optional<String> stackId)
            implements RequestBody {

        static CreateStackRequest read(Requests.Body body) {
            String name = body.requiredString("name");
            ComposeText compose = body.requiredCompose("compose");
            Map<String, String> variables = body.variables("variables");
            return new CreateStackRequest(name, compose, body.string("comment"), body.nonBlankString("author"), variables,
                    body.string("stack_id"));
        }
    }

    /** {@code POST /stacks/{id}/versions}; {@code parent_version}, when given, must be the latest version. */
    record CreateVersionRequest(@JsonProperty(required = true) ComposeText compose, Optional<String> comment,
            Optional<String> author, Map<String, String> variables, Optional<String> parentVersion) implements RequestBody {

        static CreateVersionRequest read(Requests.Body body) {
            ComposeText compose = body.requiredCompose("compose");
            Optional<String> parent = body.string("parent_version").map(p -> Requests.versionLabel("parent_version", p));
            Optional<String> author = body.nonBlankString("author");
            return new CreateVersionRequest(compose, body.string("comment"), author, body.variables("variables"), parent);
        }
    }

    /** {@code POST /stacks/{id}/apply/{version}} and {@code .../rollback/{version}}. */
    record VersionCommandRequest(boolean autoRollback) implements RequestBody {

        static VersionCommandRequest read(Requests.Body body) {
            return new VersionCommandRequest(body.bool("auto_rollback", false));
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

    /** {@code POST /stacks/{id}/deploy}. */
    record DeployRequest(@JsonProperty(required = true) String service, @JsonProperty(required = true) String artifact,
            @JsonProperty(required = true) String targetPath) implements RequestBody {

        static DeployRequest read(Requests.Body body) {
            return new DeployRequest(body.requiredString("service"), body.requiredString("artifact"),
                    body.requiredString("target_path"));
        }
    }
}
