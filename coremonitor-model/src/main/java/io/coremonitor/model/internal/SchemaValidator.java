package io.coremonitor.model.internal;

import io.coremonitor.model.CoreMonitorException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.everit.json.schema.Schema;
import org.everit.json.schema.ValidationException;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONArray;
import org.json.JSONObject;
import org.json.JSONTokener;

/** Checks a tree against Core Monitor's JSON Schema and turns everit's errors into readable path/message pairs. */
public final class SchemaValidator {

    private static final String RESOURCE = "/io/coremonitor/model/compose-schema.json";
    private static final Schema SCHEMA = loadSchema();
    private static final Pattern EXTRANEOUS = Pattern.compile("extraneous key \\[(.*)\\] is not permitted");
    private static final Pattern REQUIRED = Pattern.compile("required key \\[(.*)\\] not found");
    private static final Pattern EXPECTED_NULL = Pattern.compile("expected: null, found: (\\w+)");
    private static final Pattern EXPECTED = Pattern.compile("expected type: (\\w+), found: (\\w+)");

    private SchemaValidator() {
    }

    private static Schema loadSchema() {
        try (InputStream in = SchemaValidator.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new CoreMonitorException("missing resource " + RESOURCE);
            }
            JSONObject raw = new JSONObject(new JSONTokener(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            return SchemaLoader.builder().schemaJson(raw).draftV7Support().build().load().build();
        } catch (IOException e) {
            throw new CoreMonitorException("cannot read " + RESOURCE, e);
        }
    }

    /** Validates; every problem goes to {@code problems}. */
    public static void validate(Map<String, Object> tree, Problems problems) {
        try {
            SCHEMA.validate(toJson(tree));
        } catch (ValidationException e) {
            Set<String> seen = new LinkedHashSet<>();
            translate(e, tree, problems, seen);
        }
    }

    private static void translate(ValidationException e, Object tree, Problems problems, Set<String> seen) {
        List<ValidationException> causes = e.getCausingExceptions();
        String keyword = e.getKeyword();
        if (!causes.isEmpty() && ("anyOf".equals(keyword) || "oneOf".equals(keyword))) {
            List<ValidationException> substantive = new ArrayList<>();
            Set<String> expected = new TreeSet<>();
            for (ValidationException c : causes) {
                Matcher m = EXPECTED.matcher(c.getErrorMessage());
                Matcher n = EXPECTED_NULL.matcher(c.getErrorMessage());
                boolean samePlace = c.getPointerToViolation().equals(e.getPointerToViolation());
                if (samePlace && n.matches()) {
                    expected.add("null");
                } else if ("type".equals(c.getKeyword()) && m.find() && samePlace) {
                    expected.add(typeName(m.group(1)));
                } else {
                    substantive.add(c);
                }
            }
            if (substantive.isEmpty()) {
                List<String> segments = segments(e.getPointerToViolation());
                String wanted = expected.equals(Set.of("a boolean", "a string")) ? "true or false"
                    : String.join(" or ", expected);
                add(problems, seen, path(tree, segments), "must be " + wanted + ", not " + TreeTypes.describe(nodeAt(tree, segments)));
            } else {
                for (ValidationException c : substantive) {
                    translate(c, tree, problems, seen);
                }
            }
            return;
        }
        if (!causes.isEmpty()) {
            for (ValidationException c : causes) {
                translate(c, tree, problems, seen);
            }
            return;
        }
        leaf(e, tree, problems, seen);
    }

    private static void leaf(ValidationException e, Object tree, Problems problems, Set<String> seen) {
        List<String> segments = segments(e.getPointerToViolation());
        String path = path(tree, segments);
        String message = e.getErrorMessage();
        String keyword = e.getKeyword() == null ? "" : e.getKeyword();
        Matcher extraneous = EXTRANEOUS.matcher(message);
        Matcher required = REQUIRED.matcher(message);
        Matcher expected = EXPECTED.matcher(message);
        if (extraneous.matches()) {
            String key = extraneous.group(1);
            add(problems, seen, Paths.key(path, key), Refusals.message(Refusals.context(segments), key));
        } else if (required.matches()) {
            add(problems, seen, path, "missing required key '" + required.group(1) + "'");
        } else if ("type".equals(keyword) && expected.find()) {
            add(problems, seen, path, "must be " + typeName(expected.group(1)) + ", not "
                + TreeTypes.describe(nodeAt(tree, segments)));
        } else if ("enum".equals(keyword)) {
            add(problems, seen, path, "'" + nodeAt(tree, segments) + "' is not allowed here; use one of "
                + enumValues(e.getViolatedSchema().toString()));
        } else if ("uniqueItems".equals(keyword)) {
            add(problems, seen, path, "contains the same item more than once");
        } else {
            add(problems, seen, path, message);
        }
    }

    private static String enumValues(String schemaJson) {
        try {
            JSONArray values = new JSONObject(schemaJson).getJSONArray("enum");
            List<String> out = new ArrayList<>();
            for (int i = 0; i < values.length(); i++) {
                out.add("'" + values.get(i) + "'");
            }
            return String.join(", ", out);
        } catch (RuntimeException ignored) {
            return "the documented values";
        }
    }

    private static void add(Problems problems, Set<String> seen, String path, String message) {
        if (seen.add(path + "\n" + message)) {
            problems.error(path, message);
        }
    }

    private static String typeName(String everitType) {
        switch (everitType) {
            case "String":
                return "a string";
            case "Integer":
            case "Long":
            case "BigInteger":
                return "an integer";
            case "Number":
            case "BigDecimal":
            case "Double":
                return "a number";
            case "Boolean":
                return "a boolean";
            case "JSONObject":
                return "a mapping";
            case "JSONArray":
                return "a list";
            case "Null":
                return "null";
            default:
                return everitType;
        }
    }

    /** JSON pointer "#/services/web/ports/1" to its unescaped segments. */
    static List<String> segments(String pointer) {
        List<String> out = new ArrayList<>();
        String p = pointer.startsWith("#") ? pointer.substring(1) : pointer;
        if (p.isEmpty() || "/".equals(p)) {
            return out;
        }
        for (String s : p.substring(1).split("/", -1)) {
            out.add(s.replace("~1", "/").replace("~0", "~"));
        }
        return out;
    }

    /** The error path of a pointer, using the tree to tell list indexes from keys. */
    static String path(Object tree, List<String> segments) {
        String path = "";
        Object node = tree;
        for (String s : segments) {
            if (node instanceof List<?> list) {
                int i = Integer.parseInt(s);
                path = Paths.index(path, i);
                node = i < list.size() ? list.get(i) : null;
            } else {
                path = Paths.key(path, s);
                node = node instanceof Map<?, ?> map ? map.get(s) : null;
            }
        }
        return path;
    }

    static Object nodeAt(Object tree, List<String> segments) {
        Object node = tree;
        for (String s : segments) {
            if (node instanceof List<?> list) {
                int i = Integer.parseInt(s);
                node = i < list.size() ? list.get(i) : null;
            } else {
                node = node instanceof Map<?, ?> map ? map.get(s) : null;
            }
        }
        return node;
    }

    private static Object toJson(Object value) {
        if (value == null) {
            return JSONObject.NULL;
        }
        if (value instanceof Map<?, ?> map) {
            JSONObject o = new JSONObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                o.put((String) e.getKey(), toJson(e.getValue()));
            }
            return o;
        }
        if (value instanceof List<?> list) {
            JSONArray a = new JSONArray();
            for (Object item : list) {
                a.put(toJson(item));
            }
            return a;
        }
        return value;
    }
}
