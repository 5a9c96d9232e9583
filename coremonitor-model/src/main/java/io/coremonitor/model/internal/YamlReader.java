package io.coremonitor.model.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coremonitor.model.InvalidDefinitionException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
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
        String trimmed = text.strip();
        if (trimmed.startsWith("\uFEFF")) {
            trimmed = trimmed.substring(1).strip();
        }
        if (trimmed.isEmpty()) {
            throw new InvalidDefinitionException("", "the definition is empty");
        }
        Object raw = trimmed.startsWith("{") || trimmed.startsWith("[") ? readJson(trimmed) : readYaml(text);
        if (raw == null) {
            throw new InvalidDefinitionException("", "the definition is empty");
        }
        if (!(raw instanceof Map)) {
            throw new InvalidDefinitionException("", "the definition must be a mapping (services:, networks:, ...), not "
                + TreeTypes.describe(raw));
        }
        Problems problems = new Problems();
        Object tree = normalize(raw, "", problems, new int[] {MAX_NODES}, 0);
        if (problems.hasErrors()) {
            throw new InvalidDefinitionException(problems.errors());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) tree;
        return map;
    }

    private static Object readJson(String text) {
        try {
            return JSON.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new InvalidDefinitionException("", "JSON syntax error" + where + ": " + e.getOriginalMessage());
        }
    }

    private static Object readYaml(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(100);
        options.setAllowRecursiveKeys(false);
        options.setProcessComments(false);
        Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(), options,
            new ComposeResolver());
        try {
            return yaml.load(text);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
            String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
            if (e.getContext() != null && problem.startsWith("found duplicate key")) {
                problem = problem.replace("found duplicate key", "duplicate key");
            }
            throw new InvalidDefinitionException("", "YAML error" + where + ": " + problem);
        } catch (YAMLException e) {
            throw new InvalidDefinitionException("", "YAML error: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new InvalidDefinitionException("", "YAML error: " + e.getClass().getSimpleName());
        }
    }

    private static Object normalize(Object value, String path, Problems problems, int[] budget, int depth) {
        if (--budget[0] < 0) {
            throw new InvalidDefinitionException("", "the definition is too large: more than " + MAX_NODES
                + " values once YAML aliases are expanded");
        }
        if (depth > MAX_DEPTH) {
            // also what a recursive alias (a: &a [*a]) turns into: without this, a StackOverflowError
            throw new InvalidDefinitionException("", "the definition is nested more than " + MAX_DEPTH
                + " levels deep (a recursive YAML alias?)");
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
