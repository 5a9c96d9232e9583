package io.coremonitor.model.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import io.coremonitor.model.ByteSize;
import io.coremonitor.model.Durations;

/** Typed reads of tree values; a value of the wrong shape is reported at its path and read as absent. */
final class Values {

    private final Problems problems;

    Values(Problems problems) {
        this.problems = problems;
    }

    void error(String path, String message) {
        problems.error(path, message);
    }

    void warn(String path, String message) {
        problems.warn(path, message);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> mapping(Object value, String path) {
        if (value == null) {
            return Collections.emptyMap();
        }
        if (value instanceof Map) {
            return (Map<String, Object>) value;
        }
        error(path, "must be a mapping, not " + TreeTypes.describe(value));
        return Collections.emptyMap();
    }

    /** The list at {@code path}; empty (with an error unless absent) when the value is not a list. */
    List<?> list(Object value, String path) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list;
        }
        error(path, "must be a list, not " + TreeTypes.describe(value));
        return List.of();
    }

    Optional<String> string(Map<String, Object> m, String path, String key) {
        Object v = m.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof String || v instanceof Number) {
            return Optional.of(scalarText(v));
        }
        error(Paths.key(path, key), "must be a string, not " + TreeTypes.describe(v));
        return Optional.empty();
    }

    static String scalarText(Object v) {
        if (v instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        return String.valueOf(v);
    }

    Optional<Boolean> bool(Map<String, Object> m, String path, String key) {
        Object v = m.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Boolean b) {
            return Optional.of(b);
        }
        if (v instanceof String s) {
            switch (s.toLowerCase(Locale.ROOT)) {
                case "true":
                case "yes":
                case "on":
                case "1":
                    return Optional.of(true);
                case "false":
                case "no":
                case "off":
                case "0":
                    return Optional.of(false);
                default:
                    break;
            }
        }
        error(Paths.key(path, key), "must be true or false, not '" + scalarText(v) + "'");
        return Optional.empty();
    }

    boolean bool(Map<String, Object> m, String path, String key, boolean defaultValue) {
        return bool(m, path, key).orElse(defaultValue);
    }

    Optional<Long> integer(Map<String, Object> m, String path, String key) {
        return integer(m.get(key), Paths.key(path, key));
    }

    Optional<Long> integer(Object v, String path) {
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Long l) {
            return Optional.of(l);
        }
        if (v instanceof String s && s.trim().matches("[-+]?[0-9]{1,18}")) {
            return Optional.of(Long.parseLong(s.trim()));
        }
        if (v instanceof BigDecimal d && d.stripTrailingZeros().scale() <= 0) {
            try {
                return Optional.of(d.longValueExact());
            } catch (ArithmeticException ignored) {
                // reported below
            }
        }
        if (v instanceof BigInteger) {
            error(path, "the number " + v + " is too large");
            return Optional.empty();
        }
        error(path, "must be an integer, not '" + scalarText(v) + "'");
        return Optional.empty();
    }

    Optional<Integer> intInRange(Map<String, Object> m, String path, String key, long min, long max) {
        Optional<Long> v = integer(m, path, key);
        if (v.isPresent() && (v.get() < min || v.get() > max)) {
            error(Paths.key(path, key), "must be between " + min + " and " + max + ", not " + v.get());
            return Optional.empty();
        }
        return v.map(Long::intValue);
    }

    /** Largest decimal value (cpus): Long.MAX_VALUE billionths, as Docker's NanoCpus. */
    static final BigDecimal MAX_DECIMAL = BigDecimal.valueOf(Long.MAX_VALUE).movePointLeft(9);

    Optional<BigDecimal> decimal(Map<String, Object> m, String path, String key) {
        Object v = m.get(key);
        if (v == null) {
            return Optional.empty();
        }
        try {
            BigDecimal d = v instanceof BigDecimal bd ? bd : new BigDecimal(scalarText(v).trim());
            if (d.signum() < 0) {
                error(Paths.key(path, key), "must not be negative, not " + scalarText(v));
                return Optional.empty();
            }
            if (d.compareTo(MAX_DECIMAL) > 0) {
                // Docker counts CPUs in billionths in a long: more cannot be expressed (and 1e999 broke the canonical JSON)
                error(Paths.key(path, key), "must be at most " + MAX_DECIMAL.toPlainString() + ", not " + scalarText(v));
                return Optional.empty();
            }
            return Optional.of(d);
        } catch (NumberFormatException e) {
            error(Paths.key(path, key), "must be a number, not '" + scalarText(v) + "'");
            return Optional.empty();
        }
    }

    Optional<Duration> duration(Map<String, Object> m, String path, String key) {
        Object v = m.get(key);
        if (v == null) {
            return Optional.empty();
        }
        Optional<Duration> d = v instanceof String s ? Durations.parse(s) : Optional.empty();
        if (d.isEmpty()) {
            error(Paths.key(path, key), "'" + scalarText(v) + "' is not a duration (write e.g. 10s, 1m30s, 1h, 500ms, 2us)");
        }
        return d;
    }

    Optional<ByteSize> size(Map<String, Object> m, String path, String key, boolean allowUnlimited) {
        Object v = m.get(key);
        if (v == null) {
            return Optional.empty();
        }
        Optional<ByteSize> s;
        if (v instanceof Long l) {
            s = l >= -1 ? Optional.of(new ByteSize(l)) : Optional.empty();
        } else if (v instanceof String str) {
            s = ByteSize.parse(str);
        } else {
            s = Optional.empty();
        }
        if (s.isPresent() && s.get().unlimited() && !allowUnlimited) {
            s = Optional.empty();
        }
        if (s.isEmpty()) {
            error(Paths.key(path, key), "'" + scalarText(v) + "' is not a size (write e.g. 1024, 512m, 1g, 1.5gb; units b, k, m, g"
                + " of 1024)");
        }
        return s;
    }

    /** A list of scalars as strings; a single string when {@code allowSingle}. */
    List<String> strings(Map<String, Object> m, String path, String key, boolean allowSingle) {
        Object v = m.get(key);
        String p = Paths.key(path, key);
        if (v == null) {
            return List.of();
        }
        if (allowSingle && v instanceof String s) {
            return List.of(s);
        }
        if (!(v instanceof List<?> list)) {
            error(p, "must be a list" + (allowSingle ? " or a string" : "") + ", not " + TreeTypes.describe(v));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            if (item instanceof String || item instanceof Number) {
                out.add(scalarText(item));
            } else {
                error(Paths.index(p, i), "must be a string, not " + TreeTypes.describe(item));
            }
        }
        return out;
    }

    /**
     * A mapping given as a map or as a list of {@code KEY=VALUE} (compose's list_or_dict); a list entry without '='
     * and a null map value give {@code Optional.empty()}.
     */
    Map<String, Optional<String>> listOrDict(Map<String, Object> m, String path, String key) {
        Object v = m.get(key);
        String p = Paths.key(path, key);
        Map<String, Optional<String>> out = new LinkedHashMap<>();
        if (v == null) {
            return out;
        }
        if (v instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object value = e.getValue();
                String k = (String) e.getKey();
                if (value == null) {
                    out.put(k, Optional.empty());
                } else if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                    out.put(k, Optional.of(scalarText(value)));
                } else {
                    error(Paths.key(p, k), "must be a string, a number or a boolean, not " + TreeTypes.describe(value));
                }
            }
            return out;
        }
        if (v instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Object item = list.get(i);
                if (!(item instanceof String s)) {
                    error(Paths.index(p, i), "must be a KEY=VALUE string, not " + TreeTypes.describe(item));
                    continue;
                }
                int eq = s.indexOf('=');
                String k = eq < 0 ? s : s.substring(0, eq);
                if (k.isBlank()) {
                    error(Paths.index(p, i), "'" + s + "' has no key (write KEY=VALUE)");
                    continue;
                }
                if (out.containsKey(k)) {
                    error(Paths.index(p, i), "'" + k + "' is given twice");
                    continue;
                }
                out.put(k, eq < 0 ? Optional.empty() : Optional.of(s.substring(eq + 1)));
            }
            return out;
        }
        error(p, "must be a mapping or a list of KEY=VALUE strings, not " + TreeTypes.describe(v));
        return out;
    }

    /** list_or_dict where a missing value means the empty string (labels, annotations, sysctls). */
    Map<String, String> stringMap(Map<String, Object> m, String path, String key) {
        Map<String, String> out = new LinkedHashMap<>();
        listOrDict(m, path, key).forEach((k, v) -> out.put(k, v.orElse("")));
        return out;
    }

    /** A plain map of scalar values (driver_opts, logging options). */
    Map<String, String> scalarMap(Map<String, Object> m, String path, String key) {
        Object v = m.get(key);
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null) {
            return out;
        }
        if (!(v instanceof Map<?, ?> map)) {
            error(Paths.key(path, key), "must be a mapping, not " + TreeTypes.describe(v));
            return out;
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            Object value = e.getValue();
            if (value instanceof Map || value instanceof List) {
                error(Paths.key(Paths.key(path, key), (String) e.getKey()), "must be a string, not " + TreeTypes.describe(value));
            } else {
                out.put((String) e.getKey(), value == null ? "" : scalarText(value));
            }
        }
        return out;
    }
}
