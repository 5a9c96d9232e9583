package io.coremonitor.model.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coremonitor.model.InvalidDefinitionException;
import io.coremonitor.model.LocatedError;
import io.coremonitor.model.SourcePosition;
import io.coremonitor.model.ValidationError;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads YAML (or JSON) text into a plain tree of {@code Map<String,Object>} (insertion-ordered), {@code List<Object>},
 * {@code String}, {@code Boolean}, {@code Long}/{@code BigInteger}, {@code BigDecimal} and {@code null}.
 *
 * <p>YAML is read with SnakeYAML: anchors, aliases and merge keys ({@code <<}) are resolved, duplicate keys are errors.
 * Scalars are typed like YAML 1.2 / compose (Go yaml.v3): only true/false are booleans ({@code no} stays a string),
 * {@code 22:22} stays a string (no sexagesimal numbers), dates stay strings.
 */
public final class YamlReader {

    private static final ObjectMapper JSON = new ObjectMapper()
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.USE_LONG_FOR_INTS);

    /** Upper bound on the number of values of a document, aliases expanded (guards against "billion laughs"). */
    static final int MAX_NODES = 200_000;
    /** Deepest nesting accepted (a compose file needs a handful of levels; a recursive alias has no bottom). */
    static final int MAX_DEPTH = 200;

    private YamlReader() {
    }

    /** The document's top-level mapping; an InvalidDefinitionException (path "") for anything else. */
    public static Map<String, Object> read(String text) {
        return readLocated(text).tree();
    }

    /**
     * A definition read: its top-level mapping and where each of its values is in the text.
     *
     * @param tree      the top-level mapping
     * @param positions where each value is, by error path
     */
    public record Document(Map<String, Object> tree, SourceMap positions) {
    }

    /**
     * The document's top-level mapping and the positions of its values in the text; an InvalidDefinitionException whose
     * errors know their position ({@link InvalidDefinitionException#locatedErrors()}) for anything else.
     */
    public static Document readLocated(String text) {
        String trimmed = text.strip();
        if (trimmed.startsWith("\uFEFF")) {
            trimmed = trimmed.substring(1).strip();
        }
        if (trimmed.isEmpty()) {
            throw failure("the definition is empty", SourcePosition.START);
        }
        Map<String, SourcePosition> positions = new HashMap<>();
        Object raw;
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            raw = readJson(blankPrefix(text), positions);
        } else {
            raw = readYaml(text, positions);
        }
        if (raw == null) {
            throw failure("the definition is empty", SourcePosition.START);
        }
        if (!(raw instanceof Map)) {
            throw failure("the definition must be a mapping (services:, networks:, ...), not " + TreeTypes.describe(raw),
                SourcePosition.START);
        }
        Problems problems = new Problems();
        Object tree = normalize(raw, "", problems, new int[] {MAX_NODES}, 0);
        SourceMap map = new SourceMap(positions);
        if (problems.hasErrors()) {
            throw InvalidDefinitionException.located(map.locateAll(problems.errors()));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> top = (Map<String, Object>) tree;
        return new Document(top, map);
    }

    private static InvalidDefinitionException failure(String message, SourcePosition at) {
        return InvalidDefinitionException.located(List.of(LocatedError.at(new ValidationError("", message), at)));
    }

    /**
     * The text with the blanks (and a byte order mark) before its first character made spaces, line breaks kept: what
     * the JSON parser reads, so that its positions are the ones of the text as given.
     */
    private static String blankPrefix(String text) {
        int start = 0;
        while (start < text.length() && (Character.isWhitespace(text.charAt(start)) || text.charAt(start) == '\uFEFF')) {
            start++;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < start; i++) {
            char c = text.charAt(i);
            out.append(c == '\n' || c == '\r' ? c : ' ');
        }
        return out.append(text, start, text.length()).toString();
    }

    private static Object readJson(String text, Map<String, SourcePosition> positions) {
        try (JsonParser parser = JSON.createParser(text)) {
            JsonToken first = parser.nextToken();
            return first == null ? null : jsonValue(parser, first, "", positions, new int[] {MAX_NODES});
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            boolean known = loc != null && loc.getLineNr() > 0 && loc.getColumnNr() > 0;
            String where = known ? " at line " + loc.getLineNr() + ", column " + loc.getColumnNr() : "";
            throw failure("JSON syntax error" + where + ": " + e.getOriginalMessage(),
                known ? new SourcePosition(loc.getLineNr(), loc.getColumnNr()) : SourcePosition.START);
        } catch (IOException e) {
            throw failure("JSON error: " + e.getMessage(), SourcePosition.START);
        }
    }

    /** One JSON value, read like Jackson's untyped values (longs, big integers, big decimals), its position recorded. */
    private static Object jsonValue(JsonParser parser, JsonToken token, String path, Map<String, SourcePosition> positions,
            int[] budget) throws IOException {
        if (--budget[0] < 0) {
            throw failure("the definition is too large: more than " + MAX_NODES + " values", SourcePosition.START);
        }
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    String keyPath = Paths.key(path, key);
                    positions.put(keyPath, position(parser.currentTokenLocation()));
                    map.put(key, jsonValue(parser, parser.nextToken(), keyPath, positions, budget));
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                JsonToken item;
                while ((item = parser.nextToken()) != JsonToken.END_ARRAY && item != null) {
                    String itemPath = Paths.index(path, list.size());
                    positions.put(itemPath, position(parser.currentTokenLocation()));
                    list.add(jsonValue(parser, item, itemPath, positions, budget));
                }
                return list;
            }
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? parser.getBigIntegerValue()
                    : (Object) parser.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getDecimalValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw failure("JSON syntax error: unexpected " + token, position(parser.currentTokenLocation()));
        }
    }

    private static SourcePosition position(JsonLocation loc) {
        return loc.getLineNr() > 0 && loc.getColumnNr() > 0 ? new SourcePosition(loc.getLineNr(), loc.getColumnNr())
            : SourcePosition.START;
    }

    private static Object readYaml(String text, Map<String, SourcePosition> positions) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(100);
        options.setAllowRecursiveKeys(false);
        options.setProcessComments(false);
        NodeConstructor constructor = new NodeConstructor(options);
        Yaml yaml = new Yaml(constructor, new Representer(new DumperOptions()), new DumperOptions(), options,
            new ComposeResolver());
        try {
            // composed once: the nodes carry their marks, then they are constructed into Java values
            Node node = yaml.compose(new StringReader(text));
            if (node == null || Tag.NULL.equals(node.getTag())) {
                return null;
            }
            Object value = constructor.construct(node);
            // after construction: merge keys (<<) are flattened into the nodes' values
            index(node, "", positions, 0, new int[] {MAX_NODES}, Collections.newSetFromMap(new IdentityHashMap<>()));
            return value;
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
            String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
            if (e.getContext() != null && problem.startsWith("found duplicate key")) {
                problem = problem.replace("found duplicate key", "duplicate key");
            }
            throw failure("YAML error" + where + ": " + problem, mark == null ? SourcePosition.START : position(mark));
        } catch (YAMLException e) {
            throw failure("YAML error: " + e.getMessage(), SourcePosition.START);
        } catch (RuntimeException e) {
            throw failure("YAML error: " + e.getClass().getSimpleName(), SourcePosition.START);
        }
    }

    /**
     * Records the position of every value below this node, by error path (a mapping entry at its key). Bounded like
     * {@link #normalize}, and it does not enter a node that is its own ancestor (a recursive alias has no bottom;
     * normalize then refuses the document): without that, {@code a: &a [*a, *a]} would index 200,000 paths hundreds of
     * characters long before giving up.
     */
    private static void index(Node node, String path, Map<String, SourcePosition> positions, int depth, int[] budget,
            Set<Node> ancestors) {
        if (depth > MAX_DEPTH || --budget[0] < 0 || !ancestors.add(node)) {
            return;
        }
        try {
            indexChildren(node, path, positions, depth, budget, ancestors);
        } finally {
            ancestors.remove(node);
        }
    }

    private static void indexChildren(Node node, String path, Map<String, SourcePosition> positions, int depth, int[] budget,
            Set<Node> ancestors) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key) {
                    String keyPath = Paths.key(path, key.getValue());
                    if (positions.putIfAbsent(keyPath, position(key.getStartMark())) == null) {
                        index(tuple.getValueNode(), keyPath, positions, depth + 1, budget, ancestors);
                    }
                }
            }
        } else if (node instanceof SequenceNode sequence) {
            List<Node> items = sequence.getValue();
            for (int i = 0; i < items.size(); i++) {
                String itemPath = Paths.index(path, i);
                positions.put(itemPath, position(items.get(i).getStartMark()));
                index(items.get(i), itemPath, positions, depth + 1, budget, ancestors);
            }
        }
    }

    private static SourcePosition position(Mark mark) {
        return new SourcePosition(mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static Object normalize(Object value, String path, Problems problems, int[] budget, int depth) {
        if (--budget[0] < 0) {
            throw failure("the definition is too large: more than " + MAX_NODES + " values once YAML aliases are expanded",
                SourcePosition.START);
        }
        if (depth > MAX_DEPTH) {
            // also what a recursive alias (a: &a [*a]) turns into: without this, a StackOverflowError
            throw failure("the definition is nested more than " + MAX_DEPTH + " levels deep (a recursive YAML alias?)",
                SourcePosition.START);
        }
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                problems.error(path, "'" + d + "' is not a usable number");
                return null;
            }
            return new BigDecimal(Double.toString(d));
        }
        if (value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object k = e.getKey();
                if (k == null || k instanceof Map || k instanceof List) {
                    problems.error(path, "a key must be a plain string, not " + TreeTypes.describe(k));
                    continue;
                }
                String key = k instanceof Number ? normalize(k, path, problems, budget, depth + 1).toString() : k.toString();
                out.put(key, normalize(e.getValue(), Paths.key(path, key), problems, budget, depth + 1));
            }
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                out.add(normalize(list.get(i), Paths.index(path, i), problems, budget, depth + 1));
            }
            return out;
        }
        problems.error(path, "unsupported YAML value of type " + value.getClass().getSimpleName() + " (use a plain string)");
        return null;
    }

    /** SnakeYAML's safe constructor, used on a node the loader composed itself (to keep the nodes and their marks). */
    private static final class NodeConstructor extends SafeConstructor {

        NodeConstructor(LoaderOptions options) {
            super(options);
        }

        Object construct(Node node) {
            return constructDocument(node);
        }
    }

    /** Implicit typing of plain scalars like YAML 1.2's core schema (and Go's yaml.v3 as used by compose). */
    private static final class ComposeResolver extends Resolver {

        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF");
            addImplicitResolver(Tag.INT, Pattern.compile("^(?:[-+]?(?:0|[1-9][0-9]*)|0x[0-9a-fA-F]+)$"), "-+0123456789");
            addImplicitResolver(Tag.FLOAT,
                Pattern.compile("^(?:[-+]?(?:[0-9]+\\.[0-9]*|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?|[-+]?[0-9]+[eE][-+]?[0-9]+)$"),
                "-+0123456789.");
            addImplicitResolver(Tag.MERGE, Pattern.compile("^(?:<<)$"), "<");
            addImplicitResolver(Tag.NULL, Pattern.compile("^(?:~|null|Null|NULL| )$"), "~nN\0");
            addImplicitResolver(Tag.NULL, Pattern.compile("^$"), null);
        }
    }
}
