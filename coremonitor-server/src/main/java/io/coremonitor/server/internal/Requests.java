package io.coremonitor.server.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coremonitor.model.Profiles;
import io.coremonitor.model.StackVersion;
import io.coremonitor.model.ValidationError;
import io.javalin.http.Context;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Reading request bodies strictly: every malformed body, wrong type or unknown field is a {@link BadRequestException}
 * naming its path (a 400), never a 500. (Query and path parameters: {@link Params}.)
 */
final class Requests {

    static final ObjectMapper JSON = JsonMapperFactory.create();
    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE = new PropertyNamingStrategies.SnakeCaseStrategy();
    private static final String ACTOR_HEADER = "X-Actor";
    private static final int MAX_ACTOR = 200;

    private Requests() {
    }

    /**
     * The JSON object body, checked against the fields of a request record (their snake_case names); an empty body is
     * an empty object.
     */
    static Body body(Context ctx, Class<? extends Record> type) {
        Set<String> allowed = fieldNames(type);
        String text = ctx.body();
        if (text.isBlank()) {
            return new Body(JSON.createObjectNode());
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new BadRequestException("$", "the body is not valid JSON" + where + ": " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new BadRequestException("$", "the body must be a JSON object");
        }
        List<Problem.FieldError> unknown = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!allowed.contains(name)) {
                unknown.add(new Problem.FieldError(name, "unknown field '" + name + "' (allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")"));
            }
        }
        if (!unknown.isEmpty()) {
            throw new BadRequestException("the body has " + unknown.size() + " unknown field(s)", unknown);
        }
        return new Body((ObjectNode) node);
    }

    /** The JSON names of a record's components. */
    static Set<String> fieldNames(Class<? extends Record> type) {
        Set<String> names = new TreeSet<>();
        for (RecordComponent c : type.getRecordComponents()) {
            names.add(SNAKE_CASE.translate(c.getName()));
        }
        return names;
    }

    /** Who asks: the {@code X-Actor} header, or {@code api}. */
    static String actor(Context ctx) {
        String header = ctx.header(ACTOR_HEADER);
        if (header == null || header.isBlank()) {
            return "api";
        }
        String trimmed = header.trim();
        return trimmed.length() > MAX_ACTOR ? trimmed.substring(0, MAX_ACTOR) : trimmed;
    }

    /** Compose profile names ({@code debug}, or {@code *}): a 400 naming {@code name[i]} for the first that is not one. */
    static List<String> profiles(String name, List<String> profiles) {
        List<ValidationError> wrong = Profiles.checkNames(profiles, name);
        if (!wrong.isEmpty()) {
            throw new BadRequestException(wrong.get(0).path(), wrong.get(0).message());
        }
        return profiles;
    }

    /** A version label body value: {@code v1}, {@code v2}, ... */
    static String versionLabel(String name, String text) {
        if (!isVersionLabel(text)) {
            throw new BadRequestException(name, name + " must be a version label (v1, v2, ...), got '" + abbreviate(text)
                    + "'");
        }
        return text;
    }

    /** Whether the text is a version label: {@code v1}, {@code v2}, ... */
    static boolean isVersionLabel(String text) {
        try {
            StackVersion.parseLabel(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }

    /**
     * A JSON object body, read field by field with type checks; a nested object (an item of an array) is read with the
     * path of its fields in the body as a prefix ({@code components[1].}).
     */
    static final class Body {
        private final ObjectNode node;
        private final String prefix;

        Body(ObjectNode node) {
            this(node, "");
        }

        Body(ObjectNode node, String prefix) {
            this.node = node;
            this.prefix = prefix;
        }

        /** The path of {@code field} in the whole body. */
        String path(String field) {
            return prefix + field;
        }

        ObjectNode node() {
            return node;
        }

        boolean has(String field) {
            return node.hasNonNull(field);
        }

        Optional<String> string(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return Optional.empty();
            }
            if (!v.isTextual()) {
                throw wrongType(path(field), "a string", v);
            }
            return Optional.of(v.asText());
        }

        /** A string that is absent when blank. */
        Optional<String> nonBlankString(String field) {
            return string(field).filter(s -> !s.isBlank());
        }

        String requiredString(String field) {
            return string(field).filter(s -> !s.isBlank())
                    .orElseThrow(() -> new BadRequestException(path(field), path(field) + " is required"));
        }

        boolean bool(String field, boolean dflt) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return dflt;
            }
            if (!v.isBoolean()) {
                throw wrongType(path(field), "true or false", v);
            }
            return v.asBoolean();
        }

        Optional<List<String>> strings(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return Optional.empty();
            }
            if (!v.isArray()) {
                throw wrongType(path(field), "an array of strings", v);
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                JsonNode item = v.get(i);
                if (!item.isTextual()) {
                    throw wrongType(path(field) + "[" + i + "]", "a string", item);
                }
                out.add(item.asText());
            }
            return Optional.of(out);
        }

        /** A map of string values (numbers and booleans are accepted and written as text, like compose). */
        Map<String, String> variables(String field) {
            return stringMap(field, value -> value.isTextual() || value.isNumber() || value.isBoolean(), key -> "." + key);
        }

        /** A map of string values only (file contents: a number is not a file). */
        Map<String, String> texts(String field) {
            return stringMap(field, JsonNode::isTextual, key -> "[\"" + key + "\"]");
        }

        /** An object whose values {@code accepted} takes, as text; a wrong value is named at {@code field} + {@code keyPath}. */
        private Map<String, String> stringMap(String field, Predicate<JsonNode> accepted, UnaryOperator<String> keyPath) {
            JsonNode v = node.get(field);
            Map<String, String> out = new LinkedHashMap<>();
            if (v == null || v.isNull()) {
                return out;
            }
            if (!v.isObject()) {
                throw wrongType(path(field), "an object of strings", v);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!accepted.test(e.getValue())) {
                    throw wrongType(path(field) + keyPath.apply(e.getKey()), "a string", e.getValue());
                }
                out.put(e.getKey(), e.getValue().asText());
            }
            return out;
        }

        /** A definition: YAML (or JSON) text, or a JSON object (written as JSON text, which YAML reads). */
        RequestBodies.ComposeText requiredCompose(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                throw new BadRequestException(path(field), path(field) + " is required: a YAML string or a JSON object");
            }
            if (v.isTextual()) {
                return new RequestBodies.ComposeText(v.asText(), false);
            }
            if (v.isObject()) {
                return new RequestBodies.ComposeText(v.toString(), true);
            }
            throw wrongType(path(field), "a YAML string or a JSON object", v);
        }

        static BadRequestException wrongType(String path, String expected, JsonNode got) {
            return new BadRequestException(path, path + " must be " + expected + ", got " + describe(got));
        }

        private static String describe(JsonNode n) {
            JsonNodeType t = n.getNodeType();
            String text = n.toString();
            return t.name().toLowerCase(Locale.ROOT) + (text.length() > 40 ? "" : " " + text);
        }
    }
}
