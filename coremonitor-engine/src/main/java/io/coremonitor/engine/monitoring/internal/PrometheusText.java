package io.coremonitor.engine.monitoring.internal;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A writer of the Prometheus text exposition format 0.0.4: one HELP and TYPE per family, then its samples
 * ({@code name{label="value",...} value}), label values escaped (backslash, double quote, line feed).
 */
public final class PrometheusText {

    /** The content type of this format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final StringBuilder out = new StringBuilder();
    private final Set<String> families = new HashSet<>();

    /** Starts a family: {@code type} is counter, gauge, histogram, summary or untyped. */
    public PrometheusText family(String name, String type, String help) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid metric name " + name);
        }
        if (!families.add(name)) {
            throw new IllegalStateException("metric family " + name + " written twice");
        }
        out.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        return this;
    }

    /** One sample; labels in the map's iteration order. */
    public PrometheusText sample(String name, Map<String, String> labels, double value) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid metric name " + name);
        }
        out.append(name);
        if (!labels.isEmpty()) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, String> l : labels.entrySet()) {
                if (!LABEL.matcher(l.getKey()).matches()) {
                    throw new IllegalArgumentException("invalid label name " + l.getKey());
                }
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append(l.getKey()).append("=\"").append(escape(l.getValue())).append('"');
            }
            out.append('}');
        }
        out.append(' ').append(format(value)).append('\n');
        return this;
    }

    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** A sample value: integers without a fraction, +Inf/-Inf/NaN as Prometheus spells them. */
    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%s", v);
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
