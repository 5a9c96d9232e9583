package io.coremonitor.server.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coremonitor.model.StackVersion;
import io.coremonitor.store.PageRequest;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reading requests strictly: every malformed body, wrong type, unknown field or bad parameter is a
 * {@link BadRequestException} naming its path (a 400), never a 500.
 */
final class Requests {

    static final ObjectMapper JSON = JsonMapperFactory.create();
    private static final String ACTOR_HEADER = "X-Actor";
    private static final int MAX_ACTOR = 200;

    private Requests() {
    }

    /** The JSON object body, checked against the allowed field names; an empty body is an empty object. */
    static Body body(Context ctx, Set<String> allowed) {
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

    /** Who asks: the {@code X-Actor} header, or {@code api}. */
    static String actor(Context ctx) {
        String header = ctx.header(ACTOR_HEADER);
        if (header == null || header.isBlank()) {
            return "api";
        }
        String trimmed = header.trim();
        return trimmed.length() > MAX_ACTOR ? trimmed.substring(0, MAX_ACTOR) : trimmed;
    }

    /** {@code ?limit=&cursor=} as a page request. */
    static PageRequest page(Context ctx) {
        String limitText = ctx.queryParam("limit");
        int limit = PageRequest.DEFAULT_LIMIT;
        if (limitText != null && !limitText.isBlank()) {
            limit = intParam("limit", limitText, 1, PageRequest.MAX_LIMIT);
        }
        String cursor = ctx.queryParam("cursor");
        return new PageRequest(limit, Optional.ofNullable(cursor).filter(c -> !c.isBlank()));
    }

    /** An integer query parameter within bounds. */
    static int intParam(String name, String text, int min, int max) {
        long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException(name, name + " must be an integer between " + min + " and " + max
                    + ", got '" + abbreviate(text) + "'");
        }
        if (value < min || value > max) {
            throw new BadRequestException(name, name + " must be between " + min + " and " + max + ", got " + value);
        }
        return (int) value;
    }

    /** An optional ISO-8601 instant query parameter ({@code 2026-11-24T03:00:00Z}). */
    static Optional<Instant> instantParam(Context ctx, String name) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text.trim()));
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name, name + " must be an ISO-8601 UTC time such as 2026-11-24T03:00:00Z, got '"
                    + abbreviate(text) + "'");
        }
    }

    /** An optional boolean query parameter ({@code true} or {@code false}). */
    static boolean boolParam(Context ctx, String name) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return false;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new BadRequestException(name, name + " must be true or false, got '" + abbreviate(text) + "'");
        };
    }

    /** An enum query parameter, case-insensitive. */
    static <E extends Enum<E>> Optional<E> enumParam(Context ctx, String name, Class<E> type) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E constant : type.getEnumConstants()) {
                names.add(constant.name());
            }
            throw new BadRequestException(name, name + " must be one of " + String.join(", ", names) + ", got '"
                    + abbreviate(text) + "'");
        }
    }

    /** A command id path parameter. */
    static long commandId(Context ctx) {
        String text = ctx.pathParam("id");
        try {
            long id = Long.parseLong(text);
            if (id < 1) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw new BadRequestException("id", "a command id is a positive integer, got '" + abbreviate(text) + "'");
        }
    }

    /** A version label path (or query) value: {@code v1}, {@code v2}, ... */
    static String versionLabel(String name, String text) {
        if (text == null || text.isBlank()) {
            throw new BadRequestException(name, name + " is required (v1, v2, ...)");
        }
        try {
            StackVersion.parseLabel(text);
            return text;
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(name, "'" + abbreviate(text) + "' is not a version label (expected v1, v2, ...)");
        }
    }

    static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }

    /** A JSON object body, read field by field with type checks. */
    static final class Body {
        private final ObjectNode node;

        Body(ObjectNode node) {
            this.node = node;
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
                throw wrongType(field, "a string", v);
            }
            return Optional.of(v.asText());
        }

        String requiredString(String field) {
            return string(field).filter(s -> !s.isBlank())
                    .orElseThrow(() -> new BadRequestException(field, field + " is required"));
        }

        boolean bool(String field, boolean dflt) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return dflt;
            }
            if (!v.isBoolean()) {
                throw wrongType(field, "true or false", v);
            }
            return v.asBoolean();
        }

        Optional<List<String>> strings(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return Optional.empty();
            }
            if (!v.isArray()) {
                throw wrongType(field, "an array of strings", v);
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                JsonNode item = v.get(i);
                if (!item.isTextual()) {
                    throw wrongType(field + "[" + i + "]", "a string", item);
                }
                out.add(item.asText());
            }
            return Optional.of(out);
        }

        /** A map of string values (numbers and booleans are accepted and written as text, like compose). */
        Map<String, String> variables(String field) {
            JsonNode v = node.get(field);
            Map<String, String> out = new LinkedHashMap<>();
            if (v == null || v.isNull()) {
                return out;
            }
            if (!v.isObject()) {
                throw wrongType(field, "an object of strings", v);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode value = e.getValue();
                if (value.isTextual() || value.isNumber() || value.isBoolean()) {
                    out.put(e.getKey(), value.asText());
                } else {
                    throw wrongType(field + "." + e.getKey(), "a string", value);
                }
            }
            return out;
        }

        /** A definition: YAML (or JSON) text, or a JSON object (written as JSON text, which YAML reads). */
        Optional<String> compose(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return Optional.empty();
            }
            if (v.isTextual()) {
                return Optional.of(v.asText());
            }
            if (v.isObject()) {
                return Optional.of(v.toString());
            }
            throw wrongType(field, "a YAML string or a JSON object", v);
        }

        private static BadRequestException wrongType(String path, String expected, JsonNode got) {
            return new BadRequestException(path, path + " must be " + expected + ", got " + describe(got));
        }

        private static String describe(JsonNode n) {
            JsonNodeType t = n.getNodeType();
            String text = n.toString();
            return t.name().toLowerCase(Locale.ROOT) + (text.length() > 40 ? "" : " " + text);
        }
    }
}
