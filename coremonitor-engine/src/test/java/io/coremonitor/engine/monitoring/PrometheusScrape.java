package io.coremonitor.engine.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text format 0.0.4 for tests: it fails on a malformed line, a TYPE or HELP given
 * twice or after its samples, a sample of an undeclared family, a duplicate sample, a bad escape, and a histogram whose
 * buckets are not cumulative or whose {@code +Inf} bucket differs from its count. Shared with the server's tests
 * (engine test-jar).
 */
public final class PrometheusScrape {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (\\S+)( -?\\d+)?");
    private static final Pattern TYPES = Pattern.compile("counter|gauge|histogram|summary|untyped");

    private final Map<String, String> types = new LinkedHashMap<>();
    private final Map<String, Map<Map<String, String>, Double>> samples = new HashMap<>();

    private PrometheusScrape() {
    }

    /** Parses {@code text}, failing the test on anything malformed. */
    public static PrometheusScrape parse(String text) {
        PrometheusScrape p = new PrometheusScrape();
        assertThat(text).endsWith("\n");
        Map<String, Boolean> help = new HashMap<>();
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ", 4);
                assertThat(parts).as(line).hasSizeGreaterThanOrEqualTo(4);
                assertThat(parts[2]).as(line).matches(NAME);
                if (parts[1].equals("TYPE")) {
                    assertThat(parts[3]).as(line).matches(TYPES);
                    assertThat(p.types).as("TYPE once: " + line).doesNotContainKey(parts[2]);
                    assertThat(p.samples.keySet().stream().anyMatch(s -> family(s, p.types).equals(parts[2])))
                        .as("TYPE before samples: " + line).isFalse();
                    p.types.put(parts[2], parts[3]);
                } else {
                    assertThat(help.put(parts[2], true)).as("HELP once: " + line).isNull();
                }
                continue;
            }
            if (line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertThat(m.matches()).as("sample line: " + line).isTrue();
            String name = m.group(1);
            Map<String, String> labels = m.group(3) == null ? Map.of() : labels(m.group(3), line);
            double value = switch (m.group(4)) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> Double.parseDouble(m.group(4));
            };
            String family = family(name, p.types);
            assertThat(p.types).as("TYPE declared before " + line).containsKey(family);
            Double old = p.samples.computeIfAbsent(name, k -> new HashMap<>()).put(labels, value);
            assertThat(old).as("duplicate sample " + line).isNull();
        }
        p.checkHistograms();
        return p;
    }

    /** The declared families and their types. */
    public Map<String, String> types() {
        return types;
    }

    /** Whether some sample has this name. */
    public boolean has(String name) {
        return samples.containsKey(name);
    }

    /** The series of a sample name: labels to value (empty when there is none). */
    public Map<Map<String, String>, Double> series(String name) {
        return samples.getOrDefault(name, Map.of());
    }

    /** The value of one sample; fails when it is absent. */
    public double value(String name, Map<String, String> labels) {
        Map<Map<String, String>, Double> series = samples.get(name);
        assertThat(series).as(name).isNotNull();
        Double v = series.get(new TreeMap<>(labels));
        assertThat(v).as(name + labels + " in " + series.keySet()).isNotNull();
        return v;
    }

    /** The value of a sample without labels. */
    public double value(String name) {
        return value(name, Map.of());
    }

    private static String family(String name, Map<String, String> types) {
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (name.endsWith(suffix)) {
                String base = name.substring(0, name.length() - suffix.length());
                if ("histogram".equals(types.get(base)) || "summary".equals(types.get(base))) {
                    return base;
                }
            }
        }
        return name;
    }

    private static Map<String, String> labels(String body, String line) {
        Map<String, String> labels = new TreeMap<>();
        int i = 0;
        while (i < body.length()) {
            int eq = body.indexOf('=', i);
            assertThat(eq).as(line).isPositive();
            String key = body.substring(i, eq);
            assertThat(key).as(line).matches("[a-zA-Z_][a-zA-Z0-9_]*");
            assertThat(body.charAt(eq + 1)).as(line).isEqualTo('"');
            StringBuilder v = new StringBuilder();
            int j = eq + 2;
            for (; body.charAt(j) != '"'; j++) {
                char c = body.charAt(j);
                if (c == '\\') {
                    char n = body.charAt(++j);
                    assertThat("\\\"n").as("escape in " + line).contains(String.valueOf(n));
                    v.append(n == 'n' ? '\n' : n);
                } else {
                    v.append(c);
                }
            }
            assertThat(labels.put(key, v.toString())).as("label once " + line).isNull();
            i = j + 1;
            if (i < body.length()) {
                assertThat(body.charAt(i)).as(line).isEqualTo(',');
                i++;
            }
        }
        return labels;
    }

    private void checkHistograms() {
        types.forEach((name, type) -> {
            if (!type.equals("histogram")) {
                return;
            }
            Map<Map<String, String>, List<double[]>> series = new HashMap<>();
            samples.getOrDefault(name + "_bucket", Map.of()).forEach((labels, v) -> {
                Map<String, String> rest = new TreeMap<>(labels);
                String le = rest.remove("le");
                assertThat(le).as("le on " + name).isNotNull();
                double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                series.computeIfAbsent(rest, k -> new ArrayList<>()).add(new double[] {bound, v});
            });
            series.forEach((labels, buckets) -> {
                buckets.sort((x, y) -> Double.compare(x[0], y[0]));
                for (int i = 1; i < buckets.size(); i++) {
                    assertThat(buckets.get(i)[1]).as("monotonic buckets of " + name + labels)
                        .isGreaterThanOrEqualTo(buckets.get(i - 1)[1]);
                }
                double[] last = buckets.get(buckets.size() - 1);
                assertThat(last[0]).as("+Inf bucket of " + name + labels).isInfinite();
                assertThat(last[1]).as("+Inf == count of " + name + labels)
                    .isEqualTo(samples.get(name + "_count").get(labels));
                assertThat(samples.get(name + "_sum")).containsKey(labels);
            });
        });
    }
}
