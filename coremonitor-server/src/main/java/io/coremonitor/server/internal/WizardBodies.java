package io.coremonitor.server.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coremonitor.engine.PlanAction;
import io.coremonitor.engine.StackPlan;
import io.coremonitor.engine.catalog.Catalog;
import io.coremonitor.engine.catalog.ComponentChoice;
import io.coremonitor.engine.catalog.Parameter;
import io.coremonitor.engine.catalog.RuleMessage;
import io.coremonitor.engine.catalog.SecretValue;
import io.coremonitor.engine.catalog.Wire;
import io.coremonitor.engine.catalog.WizardChoices;
import io.coremonitor.server.internal.CommandBodies.CommandView;
import io.coremonitor.server.internal.MonitoringBodies.PlanActionView;
import io.coremonitor.server.internal.StackBodies.StackView;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The bodies of the wizard's routes and their answers: the choices ({@code /wizard/validate}, {@code /wizard/preview}),
 * the choices with what to do ({@code POST /wizard/stacks}, {@code POST /stacks/{id}/wizard}) and what was made.
 */
final class WizardBodies {

    /** The engine's path of the stack name, which the body calls {@code name}. */
    private static final String ENGINE_STACK_NAME = "stackName";

    private WizardBodies() {
    }

    /**
     * The choices of the wizard: a stack name and its components, in the order they were chosen. Error paths point into
     * it: {@code name}, {@code components[1].parameters.port}, {@code components[2].wiring.database}.
     */
    record WizardChoicesRequest(@JsonProperty(required = true) @JsonPropertyDescription("the stack's name") String name,
            @JsonProperty(required = true) List<ComponentChoiceBody> components) implements RequestBodies.RequestBody {

        /** The choices as stored with the versions the wizard makes: without the values of secret parameters. */
        ObjectNode toStoredJson(Catalog catalog) {
            ObjectNode out = Requests.JSON.createObjectNode();
            out.put("name", name);
            ArrayNode items = out.putArray("components");
            for (ComponentChoiceBody c : components) {
                items.add(c.toStoredJson(catalog));
            }
            return out;
        }

        static WizardChoicesRequest read(Requests.Body body) {
            String name = body.requiredString("name");
            JsonNode items = body.node().get("components");
            if (items == null || items.isNull()) {
                throw new BadRequestException("components", "components is required: an array of the chosen components");
            }
            if (!items.isArray()) {
                throw Requests.Body.wrongType("components", "an array of objects", items);
            }
            List<ComponentChoiceBody> components = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                components.add(ComponentChoiceBody.read(items.get(i), "components[" + i + "]"));
            }
            return new WizardChoicesRequest(name, components);
        }

        /** The engine's choices. */
        WizardChoices toChoices() {
            return new WizardChoices(name, components.stream().map(ComponentChoiceBody::toChoice).toList());
        }
    }

    /**
     * One chosen component.
     *
     * @param name       the instance name (its compose service name); the component id when absent
     * @param component  the catalog id
     * @param version    the version; the component's default when absent
     * @param parameters parameter values (strings; numbers and booleans are taken as their text; null is no value)
     * @param image      another image to run instead of the version's
     * @param wiring     requirement key to the instance that provides it; {@code ""} leaves an optional requirement
     *                   unwired
     */
    record ComponentChoiceBody(@JsonPropertyDescription("the instance name; the component id when absent") Optional<String> name,
            @JsonProperty(required = true) @JsonPropertyDescription("the catalog id") String component,
            @JsonPropertyDescription("the version; the component's default when absent") Optional<String> version,
            @JsonPropertyDescription("parameter values (numbers and booleans are taken as their text)")
            Map<String, String> parameters,
            @JsonPropertyDescription("another image to run instead of the version's") Optional<String> image,
            @JsonPropertyDescription("requirement key to the instance that provides it; \"\" leaves an optional one unwired")
            Map<String, String> wiring) implements RequestBodies.RequestBody {

        private static final Set<String> FIELDS = Requests.fieldNames(ComponentChoiceBody.class);

        static ComponentChoiceBody read(JsonNode node, String at) {
            if (!node.isObject()) {
                throw Requests.Body.wrongType(at, "an object {\"component\", ...}", node);
            }
            List<Problem.FieldError> unknown = new ArrayList<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
                String field = it.next();
                if (!FIELDS.contains(field)) {
                    unknown.add(new Problem.FieldError(at + "." + field, "unknown field '" + at + "." + field + "' (allowed: "
                            + String.join(", ", FIELDS) + ")"));
                }
            }
            if (!unknown.isEmpty()) {
                throw new BadRequestException(at + " has " + unknown.size() + " unknown field(s)", unknown);
            }
            Requests.Body body = new Requests.Body((ObjectNode) node, at + ".");
            return new ComponentChoiceBody(body.nonBlankString("name"), body.requiredString("component"),
                    body.nonBlankString("version"), parameters(body), body.nonBlankString("image"), wiring(body));
        }

        private static Map<String, String> parameters(Requests.Body body) {
            Map<String, String> out = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : object(body, "parameters", "an object of parameter values").entrySet()) {
                JsonNode value = e.getValue();
                if (value.isTextual() || value.isNumber() || value.isBoolean()) {
                    out.put(e.getKey(), value.asText());
                } else if (!value.isNull()) {
                    throw Requests.Body.wrongType(body.path("parameters." + e.getKey()), "a string, a number or a boolean",
                            value);
                }
            }
            return out;
        }

        private static Map<String, String> wiring(Requests.Body body) {
            Map<String, String> out = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : object(body, "wiring", "an object of instance names").entrySet()) {
                if (!e.getValue().isTextual()) {
                    throw Requests.Body.wrongType(body.path("wiring." + e.getKey()), "an instance name, or \"\" to leave it"
                            + " unwired", e.getValue());
                }
                out.put(e.getKey(), e.getValue().asText());
            }
            return out;
        }

        private static Map<String, JsonNode> object(Requests.Body body, String field, String expected) {
            JsonNode v = body.node().get(field);
            Map<String, JsonNode> out = new LinkedHashMap<>();
            if (v == null || v.isNull()) {
                return out;
            }
            if (!v.isObject()) {
                throw Requests.Body.wrongType(body.path(field), expected, v);
            }
            v.properties().forEach(e -> out.put(e.getKey(), e.getValue()));
            return out;
        }

        ComponentChoice toChoice() {
            return new ComponentChoice(name, component, version, parameters, image, wiring);
        }

        /** The instance name: its {@code name}, else the component id. */
        String instance() {
            return name.orElse(component);
        }

        /** This choice with these parameters. */
        ComponentChoiceBody withParameters(Map<String, String> values) {
            return new ComponentChoiceBody(name, component, version, Map.copyOf(values), image, wiring);
        }

        /** Whether the catalog's component of this choice has a secret parameter of that name. */
        boolean isSecret(Catalog catalog, String parameter) {
            return catalog.find(component).flatMap(c -> c.parameter(parameter)).map(Parameter::secret).orElse(false);
        }

        private ObjectNode toStoredJson(Catalog catalog) {
            ObjectNode out = Requests.JSON.createObjectNode();
            name.ifPresent(n -> out.put("name", n));
            out.put("component", component);
            version.ifPresent(v -> out.put("version", v));
            ObjectNode params = Requests.JSON.createObjectNode();
            new TreeMap<>(parameters).forEach((k, v) -> {
                if (!isSecret(catalog, k)) {
                    params.put(k, v);
                }
            });
            if (!params.isEmpty()) {
                out.set("parameters", params);
            }
            image.ifPresent(i -> out.put("image", i));
            if (!wiring.isEmpty()) {
                ObjectNode wires = out.putObject("wiring");
                new TreeMap<>(wiring).forEach(wires::put);
            }
            return out;
        }
    }

    /**
     * An error or a warning of the rules, or of the definition they made.
     *
     * @param path        where: in the choices ({@code name}, {@code components[1].parameters.port}); in the generated
     *                    definition for what its loader says ({@code compose.secrets})
     * @param message     what is wrong, naming components by title and version
     * @param fix         what to do about it, when there is something to do
     * @param suggestions the values to choose from, when the fix is a choice
     */
    record RuleMessageView(String path, String message, @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<String> fix,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> suggestions) {

        static RuleMessageView of(RuleMessage m) {
            String path = m.path().startsWith(ENGINE_STACK_NAME) ? "name" + m.path().substring(ENGINE_STACK_NAME.length())
                    : m.path();
            return new RuleMessageView(path, m.message(), m.fix(), m.suggestions());
        }

        static List<RuleMessageView> of(List<RuleMessage> messages) {
            return messages.stream().map(RuleMessageView::of).toList();
        }
    }

    /**
     * A requirement resolved.
     *
     * @param instance  the instance that requires
     * @param key       the requirement's key
     * @param provider  the instance that provides it
     * @param automatic whether the rules wired it (exactly one chosen component fitted) rather than the choices
     */
    record WireView(String instance, String key, String provider, boolean automatic) {

        static List<WireView> of(List<Wire> wiring) {
            return wiring.stream().map(w -> new WireView(w.instance(), w.key(), w.provider(), w.automatic())).toList();
        }
    }

    /**
     * The answer of {@code POST /wizard/validate}.
     *
     * @param valid    whether the choices make a stack (no error; warnings do not count)
     * @param errors   every error, in the order of the choices, with its path and fix
     * @param warnings what may be worth a look
     * @param wiring   every requirement resolved, explicit or automatic
     */
    record WizardValidationView(boolean valid, List<RuleMessageView> errors, List<RuleMessageView> warnings,
            List<WireView> wiring) {
    }

    /**
     * A secret the definition references: its name only, never its value.
     *
     * @param name      {@code <stack>-<instance>-<parameter>}
     * @param generated whether its value would be generated (true) or was given in the choices
     */
    record SecretView(String name, boolean generated) {

        static List<SecretView> of(List<SecretValue> secrets) {
            return secrets.stream().map(s -> new SecretView(s.name(), s.generated())).toList();
        }
    }

    /**
     * What applying the generated definition as the first version of the new stack would do: every object created.
     *
     * @param stackName the stack's name
     * @param version   {@code v1}
     * @param summary   the number of actions of each kind (lower case)
     * @param actions   networks and volumes first, then containers by service name
     */
    record NewStackPlanView(String stackName, String version, Map<String, Integer> summary, List<PlanActionView> actions) {

        static NewStackPlanView of(StackPlan p) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (PlanAction.Kind kind : PlanAction.Kind.values()) {
                counts.put(kind.name().toLowerCase(Locale.ROOT), p.actions(kind).size());
            }
            return new NewStackPlanView(p.stackName(), p.version(), counts, p.actions().stream()
                    .map(a -> new PlanActionView(a.kind(), a.name(), a.service(), a.containerId(), a.reasons())).toList());
        }
    }

    /**
     * The answer of {@code POST /wizard/preview}.
     *
     * @param valid    whether the choices make a stack
     * @param errors   every error of the choices
     * @param warnings what may be worth a look, and what the definition loader refuses in the generated definition
     *                 (paths {@code compose...})
     * @param wiring   every requirement resolved
     * @param compose  the generated compose definition (YAML); null when the choices have errors
     * @param secrets  the secrets it references, by name (their values are never answered)
     * @param plan     what creating and applying it would do; null when the choices have errors or the definition
     *                 loader refuses the definition
     */
    record WizardPreviewView(boolean valid, List<RuleMessageView> errors, List<RuleMessageView> warnings, List<WireView> wiring,
            Optional<String> compose, List<SecretView> secrets, Optional<NewStackPlanView> plan) {
    }

    /**
     * The body of {@code POST /wizard/stacks} and {@code POST /stacks/{id}/wizard}: the choices (as the other wizard
     * routes take them), and what to do with them.
     *
     * @param name       the stack's name (for an existing stack: its name, which the wizard keeps)
     * @param components the chosen components
     * @param apply      also enqueue APPLY of the version made (default false)
     * @param author     the version's author; the X-Actor header (or {@code api}) when absent
     * @param comment    the version's comment; {@code wizard: <instances>} when absent
     */
    record WizardStackRequest(@JsonProperty(required = true) @JsonPropertyDescription("the stack's name") String name,
            @JsonProperty(required = true) List<ComponentChoiceBody> components,
            @JsonPropertyDescription("also enqueue APPLY of the version made (default false)") boolean apply,
            @JsonPropertyDescription("the version's author (default: the X-Actor header)") Optional<String> author,
            @JsonPropertyDescription("the version's comment") Optional<String> comment) implements RequestBodies.RequestBody {

        static WizardStackRequest read(Requests.Body body) {
            WizardChoicesRequest choices = WizardChoicesRequest.read(body);
            return new WizardStackRequest(choices.name(), choices.components(), body.bool("apply", false),
                    body.nonBlankString("author"), body.string("comment"));
        }

        WizardChoicesRequest choices() {
            return new WizardChoicesRequest(name, components);
        }
    }

    /**
     * A secret of the version the wizard made: its name, never its value (a generated one is read once with
     * {@code POST /secrets/{name}/reveal}).
     *
     * @param name      {@code <stack>-<instance>-<parameter>}, a secret of the stack
     * @param generated whether this call generated its value (false: given in the choices, or kept)
     * @param stored    whether this call stored it (false: the stack had it already, and it was kept)
     */
    record WizardSecretView(String name, boolean generated, boolean stored) {
    }

    /**
     * The answer of {@code POST /wizard/stacks} and {@code POST /stacks/{id}/wizard}.
     *
     * @param stack   the stack, as {@code GET /stacks/{id}} answers it
     * @param version the version made ({@code v1} for a new stack), or the latest when the choices make the same
     *                definition
     * @param secrets every secret the version references, by name
     * @param command the APPLY command enqueued (as {@code POST /stacks/{id}/apply/{version}} answers it), null
     *                without {@code apply}
     */
    record WizardStackView(StackView stack, String version, List<WizardSecretView> secrets, Optional<CommandView> command) {
    }

    /**
     * A problem body (RFC 9457) whose errors are rule messages: the wizard's 422 (invalid choices) and 409 (a secret
     * name taken).
     */
    record RulesProblem(String type, String title, int status, String detail, List<RuleMessageView> errors) {
    }
}
