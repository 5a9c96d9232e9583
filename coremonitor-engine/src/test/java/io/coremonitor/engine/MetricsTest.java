package io.coremonitor.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.coremonitor.engine.monitoring.Metrics;
import io.coremonitor.engine.monitoring.internal.Histogram;
import io.coremonitor.engine.monitoring.internal.PrometheusText;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandType;
import io.coremonitor.model.Stack;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /metrics text checked by a small parser of the Prometheus text format 0.0.4. */
class MetricsTest {

    @TempDir
    Path dir;

    @Test
    void theMetricsTextIsValidAndCountsCommandTransitions() {
        try (CoreMonitor cm = EngineTests.engine(dir).executor(TestExecutor.ok(CommandType.APPLY_STACK_VERSION))
                .executor(new TestExecutor(CommandType.DELETE_STACK, (c, ctx) -> {
                    throw new CommandFailedException("boom \"quoted\"");
                })).onFailure(FailurePolicy.CONTINUE).build()) {
            Stack stack = EngineTests.stack(cm, "metrics");
            Command a = cm.commands().apply(stack.stackId(), "v1", false, "tester");
            Stack other = EngineTests.stack(cm, "metrics-2");
            Command b = cm.commands().delete(other.stackId(), false, "tester");
            Command pending = cm.commands().apply(stack.stackId(), "v1", false, "tester");
            cm.commands().cancel(pending.commandId(), "tester");
            cm.startWorker();
            EngineTests.awaitEnd(cm, a.commandId());
            EngineTests.awaitEnd(cm, b.commandId());
            cm.stopWorker();
            cm.commands().apply(stack.stackId(), "v1", false, "tester");

            String text = cm.metrics().render();
            Parsed p = Parsed.parse(text);
            assertThat(p.types).containsEntry("coremonitor_queue_pending", "gauge")
                .containsEntry("coremonitor_command_transitions_total", "counter")
                .containsEntry("coremonitor_command_duration_seconds", "histogram")
                .containsEntry("coremonitor_apply_duration_seconds", "histogram")
                .containsEntry("coremonitor_docker_up", "gauge");
            assertThat(p.value("coremonitor_queue_pending", Map.of())).isEqualTo(1);
            assertThat(p.value("coremonitor_commands", Map.of("status", "PENDING"))).isEqualTo(1);
            assertThat(p.value("coremonitor_commands", Map.of("status", "DONE"))).isEqualTo(1);
            assertThat(p.value("coremonitor_commands", Map.of("status", "FAILED"))).isEqualTo(1);
            assertThat(p.value("coremonitor_commands", Map.of("status", "CANCELLED"))).isEqualTo(1);
            assertThat(p.value("coremonitor_command_transitions_total",
                Map.of("type", "APPLY_STACK_VERSION", "status", "PENDING"))).isEqualTo(3);
            assertThat(p.value("coremonitor_command_transitions_total",
                Map.of("type", "APPLY_STACK_VERSION", "status", "CANCELLED"))).isEqualTo(1);
            assertThat(p.value("coremonitor_command_transitions_total",
                Map.of("type", "APPLY_STACK_VERSION", "status", "DONE"))).isEqualTo(1);
            assertThat(p.value("coremonitor_command_transitions_total",
                Map.of("type", "DELETE_STACK", "status", "FAILED"))).isEqualTo(1);
            assertThat(p.value("coremonitor_command_duration_seconds_count",
                Map.of("type", "DELETE_STACK", "status", "FAILED"))).isEqualTo(1);
            assertThat(p.value("coremonitor_apply_duration_seconds_count", Map.of("status", "DONE"))).isEqualTo(1);
            // no Docker configured
            assertThat(p.value("coremonitor_docker_up", Map.of())).isZero();
            assertThat(p.types).doesNotContainKey("coremonitor_containers");
            assertThat(Metrics.CONTENT_TYPE).startsWith("text/plain; version=0.0.4");
        }
    }

    @Test
    void labelValuesAreEscapedAndHistogramsAreCumulative() {
        PrometheusText t = new PrometheusText();
        t.family("x_total", "counter", "A help with a \\ backslash.");
        t.sample("x_total", Map.of("v", "a \"quoted\" back\\slash and\nnewline"), 3);
        Histogram h = new Histogram(0.5, 1, 5);
        h.observe(0.1);
        h.observe(0.7);
        h.observe(0.7);
        h.observe(100);
        t.family("h_seconds", "histogram", "H.");
        h.write(t, "h_seconds", Map.of("k", "v"));
        Parsed p = Parsed.parse(t.toString());
        assertThat(p.value("x_total", Map.of("v", "a \"quoted\" back\\slash and\nnewline"))).isEqualTo(3);
        assertThat(p.value("h_seconds_bucket", Map.of("k", "v", "le", "0.5"))).isEqualTo(1);
        assertThat(p.value("h_seconds_bucket", Map.of("k", "v", "le", "1"))).isEqualTo(3);
        assertThat(p.value("h_seconds_bucket", Map.of("k", "v", "le", "+Inf"))).isEqualTo(4);
        assertThat(p.value("h_seconds_sum", Map.of("k", "v"))).isEqualTo(101.5);
    }

    /** A parser of the text format that fails on anything malformed. */
    static final class Parsed {

        private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
        private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (\\S+)( -?\\d+)?");
        private static final Pattern TYPES = Pattern.compile("counter|gauge|histogram|summary|untyped");

        final Map<String, String> types = new LinkedHashMap<>();
        final Map<String, Map<Map<String, String>, Double>> samples = new HashMap<>();

        static Parsed parse(String text) {
            Parsed p = new Parsed();
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

        double value(String name, Map<String, String> labels) {
            Map<Map<String, String>, Double> series = samples.get(name);
            assertThat(series).as(name).isNotNull();
            Double v = series.get(new TreeMap<>(labels));
            assertThat(v).as(name + labels + " in " + series.keySet()).isNotNull();
            return v;
        }
    }
}
