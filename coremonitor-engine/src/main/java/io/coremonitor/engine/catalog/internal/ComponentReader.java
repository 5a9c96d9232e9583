package io.coremonitor.engine.catalog.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.coremonitor.engine.catalog.Capability;
import io.coremonitor.engine.catalog.Component;
import io.coremonitor.engine.catalog.ComponentVersion;
import io.coremonitor.engine.catalog.ComposeFragment;
import io.coremonitor.engine.catalog.Conflict;
import io.coremonitor.engine.catalog.Generate;
import io.coremonitor.engine.catalog.InvalidCatalogException;
import io.coremonitor.engine.catalog.Parameter;
import io.coremonitor.engine.catalog.ParameterType;
import io.coremonitor.engine.catalog.Requirement;
import io.coremonitor.engine.catalog.VersionRange;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads one component file (YAML) into a checked {@link Component}; any problem names the file and the field. */
public final class ComponentReader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]*");
    private static final Set<String> TOP = Set.of("id", "title", "description", "category", "versions", "parameters",
        "provides", "requires", "conflicts", "exports", "compose");

    private final String source;

    private ComponentReader(String source) {
        this.source = source;
    }

    /** Reads {@code text}, read from {@code source} (a file or a resource, named in errors). */
    public static Component read(String source, String text) {
        ComponentReader reader = new ComponentReader(source);
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidCatalogException(source, "", "not valid YAML: " + e.getOriginalMessage()
                + Optional.ofNullable(e.getLocation()).map(l -> " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")")
                    .orElse(""), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidCatalogException(source, "", "a component file is a mapping (id, title, versions, compose, ...)");
        }
        return reader.component(root);
    }

    private Component component(JsonNode root) {
        known(root, "", TOP);
        String id = text(root, "", "id", true).orElseThrow();
        if (!ID.matcher(id).matches()) {
            throw fail("id", "'" + id + "' is not an id: lower-case letters, digits and '-'");
        }
        List<Parameter> parameters = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int i = 0;
        for (JsonNode p : list(root, "", "parameters")) {
            Parameter parameter = parameter(p, "parameters[" + i + "]");
            if (!names.add(parameter.name())) {
                throw fail("parameters[" + i + "].name", "a second parameter named '" + parameter.name() + "'");
            }
            parameters.add(parameter);
            i++;
        }
        List<ComponentVersion> versions = new ArrayList<>();
        i = 0;
        for (JsonNode v : list(root, "", "versions")) {
            ComponentVersion version = version(v, "versions[" + i + "]");
            if (versions.stream().anyMatch(o -> o.version().equals(version.version()))) {
                throw fail("versions[" + i + "].version", "a second version '" + version.version() + "'");
            }
            versions.add(version);
            i++;
        }
        if (versions.isEmpty()) {
            throw fail("versions", "a component needs at least one version (version and image)");
        }
        List<Requirement> requires = new ArrayList<>();
        i = 0;
        for (JsonNode r : list(root, "", "requires")) {
            Requirement requirement = requirement(r, "requires[" + i + "]");
            if (requires.stream().anyMatch(o -> o.key().equals(requirement.key()))) {
                throw fail("requires[" + i + "].key", "a second requirement with the key '" + requirement.key() + "'");
            }
            requires.add(requirement);
            i++;
        }
        List<Conflict> conflicts = new ArrayList<>();
        i = 0;
        for (JsonNode c : list(root, "", "conflicts")) {
            conflicts.add(conflict(c, "conflicts[" + i + "]"));
            i++;
        }
        Map<String, String> exports = new LinkedHashMap<>();
        JsonNode exportNode = root.path("exports");
        if (!exportNode.isMissingNode()) {
            if (!exportNode.isObject()) {
                throw fail("exports", "a mapping of names to templates");
            }
            exportNode.properties().forEach(e -> {
                if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                    throw fail("exports." + e.getKey(), "a template string");
                }
                exports.put(e.getKey(), e.getValue().asText());
            });
        }
        ComposeFragment compose = compose(root, requires);
        for (int v = 0; v < versions.size(); v++) {
            if (compose.into().isEmpty() && versions.get(v).image().isEmpty()) {
                throw fail("versions[" + v + "].image", "missing: the image this version runs");
            }
            if (compose.into().isPresent() && versions.get(v).image().isPresent()) {
                throw fail("versions[" + v + "].image", "a component merged into another's service (compose.into) runs no image");
            }
        }
        Component component = new Component(id, text(root, "", "title", true).orElseThrow(),
            text(root, "", "description", false).orElse(""), text(root, "", "category", true).orElseThrow(), versions,
            parameters, capabilities(root, "", "provides"), requires, conflicts, exports, compose, source);
        new PlaceholderCheck(component, this::fail).check();
        return component;
    }

    private ComponentVersion version(JsonNode node, String path) {
        known(node, path, Set.of("version", "image", "provides"));
        String version = text(node, path, "version", true).orElseThrow();
        if (!Versions.isValid(version)) {
            throw fail(path + ".version", "'" + version + "' is not a version such as 16 or 10.1");
        }
        Optional<String> image = text(node, path, "image", false);
        if (image.isPresent() && !Images.isReference(image.get())) {
            throw fail(path + ".image", "'" + image.get() + "' is not an image reference");
        }
        return new ComponentVersion(version, image, capabilities(node, path, "provides"));
    }

    private Parameter parameter(JsonNode node, String path) {
        known(node, path, Set.of("name", "label", "type", "default", "required", "pattern", "values", "generate", "secret"));
        String name = text(node, path, "name", true).orElseThrow();
        if (!NAME.matcher(name).matches()) {
            throw fail(path + ".name", "'" + name + "' is not a parameter name: a letter, then letters, digits or '_'");
        }
        String typeText = text(node, path, "type", true).orElseThrow();
        ParameterType type = ParameterType.fromKey(typeText).orElseThrow(() -> fail(path + ".type",
            "'" + typeText + "' is not a type: string, int, bool, enum, port or password"));
        Optional<Pattern> pattern = text(node, path, "pattern", false).map(p -> {
            try {
                return Pattern.compile(p);
            } catch (PatternSyntaxException e) {
                throw fail(path + ".pattern", "not a regular expression: " + e.getDescription());
            }
        });
        List<String> values = new ArrayList<>();
        for (JsonNode v : list(node, path, "values")) {
            values.add(scalar(v, path + ".values"));
        }
        if (type == ParameterType.ENUM && values.isEmpty()) {
            throw fail(path + ".values", "an enum parameter lists its values");
        }
        if (type != ParameterType.ENUM && !values.isEmpty()) {
            throw fail(path + ".values", "only an enum parameter has values");
        }
        Optional<Generate> generate = text(node, path, "generate", false).map(g -> Generate.parse(g)
            .orElseThrow(() -> fail(path + ".generate", "'" + g + "' is not password or hex:N (N from 1 to 256)")));
        Parameter parameter = new Parameter(name, text(node, path, "label", false).orElse(name), type,
            text(node, path, "default", false), bool(node, path, "required"), pattern, values, generate,
            bool(node, path, "secret"));
        if (parameter.secret() && parameter.defaultValue().isPresent()) {
            throw fail(path + ".default", "a secret has no default (it would be the same in every stack): use generate");
        }
        parameter.defaultValue().flatMap(d -> ParameterValues.problem(parameter, d))
            .ifPresent(problem -> {
                throw fail(path + ".default", problem);
            });
        return parameter;
    }

    private Requirement requirement(JsonNode node, String path) {
        known(node, path, Set.of("key", "capability", "versions", "optional", "description"));
        String key = text(node, path, "key", true).orElseThrow();
        if (!NAME.matcher(key).matches()) {
            throw fail(path + ".key", "'" + key + "' is not a key: a letter, then letters, digits or '_'");
        }
        String capability = text(node, path, "capability", true).orElseThrow();
        try {
            Capability.parse(capability);
        } catch (IllegalArgumentException e) {
            throw fail(path + ".capability", e.getMessage());
        }
        if (capability.contains("@")) {
            throw fail(path + ".capability", "the versions go in 'versions', not after '@'");
        }
        return new Requirement(key, capability, range(node, path), bool(node, path, "optional"),
            text(node, path, "description", false).orElse(""));
    }

    private Conflict conflict(JsonNode node, String path) {
        known(node, path, Set.of("component", "versions", "reason"));
        return new Conflict(text(node, path, "component", true).orElseThrow(), range(node, path),
            text(node, path, "reason", true).orElseThrow());
    }

    private VersionRange range(JsonNode node, String path) {
        try {
            return text(node, path, "versions", false).map(VersionRange::parse).orElse(VersionRange.ANY);
        } catch (IllegalArgumentException e) {
            throw fail(path + ".versions", e.getMessage());
        }
    }

    private ComposeFragment compose(JsonNode root, List<Requirement> requires) {
        JsonNode node = root.path("compose");
        if (!node.isObject()) {
            throw fail("compose", "missing: the compose fragment (service, and optionally into, volumes, when)");
        }
        ComposeFragment base = fragment(node, "compose", true);
        base.into().ifPresent(key -> {
            if (requires.stream().noneMatch(r -> r.key().equals(key) && !r.optional())) {
                throw fail("compose.into", "'" + key + "' is not the key of a mandatory requirement");
            }
        });
        if (base.into().isEmpty() && base.service().isEmpty()) {
            throw fail("compose.service", "missing: the service body (image: \"${image}\", ...)");
        }
        Map<String, ComposeFragment> when = new LinkedHashMap<>();
        JsonNode whenNode = node.path("when");
        if (!whenNode.isMissingNode()) {
            if (!whenNode.isObject()) {
                throw fail("compose.when", "a mapping of optional requirement keys to fragments");
            }
            whenNode.properties().forEach(e -> {
                String path = "compose.when." + e.getKey();
                if (requires.stream().noneMatch(r -> r.key().equals(e.getKey()) && r.optional())) {
                    throw fail(path, "'" + e.getKey() + "' is not the key of an optional requirement");
                }
                if (!e.getValue().isObject()) {
                    throw fail(path, "a fragment (service, volumes)");
                }
                when.put(e.getKey(), fragment(e.getValue(), path, false));
            });
        }
        return new ComposeFragment(base.service(), base.into(), base.volumes(), when);
    }

    private ComposeFragment fragment(JsonNode node, String path, boolean top) {
        known(node, path, top ? Set.of("service", "into", "volumes", "when") : Set.of("service", "volumes"));
        Optional<String> into = top ? text(node, path, "into", false) : Optional.empty();
        return new ComposeFragment(map(node, path, "service"), into, map(node, path, "volumes"), Map.of());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(JsonNode node, String path, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode()) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw fail(path + "." + field, "a mapping");
        }
        return (Map<String, Object>) tree(value, path + "." + field);
    }

    private Object tree(JsonNode node, String path) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), tree(e.getValue(), path + "." + e.getKey())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                list.add(tree(node.get(i), path + "[" + i + "]"));
            }
            return list;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isInt()) {
            return node.asInt();
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        throw fail(path, "a fragment holds no null (leave the key out)");
    }

    private List<Capability> capabilities(JsonNode node, String path, String field) {
        List<Capability> capabilities = new ArrayList<>();
        int i = 0;
        for (JsonNode c : list(node, path, field)) {
            String where = (path.isEmpty() ? "" : path + ".") + field + "[" + i + "]";
            try {
                capabilities.add(Capability.parse(scalar(c, where)));
            } catch (IllegalArgumentException e) {
                throw fail(where, e.getMessage());
            }
            i++;
        }
        return capabilities;
    }

    private List<JsonNode> list(JsonNode node, String path, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw fail(join(path, field), "a list");
        }
        List<JsonNode> items = new ArrayList<>();
        value.forEach(items::add);
        return items;
    }

    private Optional<String> text(JsonNode node, String path, String field, boolean required) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            if (required) {
                throw fail(join(path, field), "missing");
            }
            return Optional.empty();
        }
        return Optional.of(scalar(value, join(path, field)));
    }

    private String scalar(JsonNode value, String where) {
        if (value.isFloatingPointNumber()) {
            throw fail(where, "write " + value.asText() + " as a string in quotes (a YAML number loses trailing zeros)");
        }
        if (!value.isValueNode() || value.isNull()) {
            throw fail(where, "a single value (text or number)");
        }
        return value.asText();
    }

    private boolean bool(JsonNode node, String path, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw fail(join(path, field), "true or false");
        }
        return value.asBoolean();
    }

    private void known(JsonNode node, String path, Set<String> fields) {
        if (!node.isObject()) {
            throw fail(path, "a mapping");
        }
        node.fieldNames().forEachRemaining(f -> {
            if (!fields.contains(f)) {
                throw fail(join(path, f), "unknown field (known: " + String.join(", ", fields.stream().sorted().toList()) + ")");
            }
        });
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private InvalidCatalogException fail(String field, String problem) {
        return new InvalidCatalogException(source, field, problem);
    }
}
