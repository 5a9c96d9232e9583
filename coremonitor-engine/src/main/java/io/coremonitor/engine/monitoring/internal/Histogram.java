package io.coremonitor.engine.monitoring.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** A thread-safe histogram of seconds with fixed upper bounds (Prometheus {@code le}), rendered cumulatively. */
public final class Histogram {

    private final double[] bounds;
    private final long[] counts;
    private double sum;
    private long count;

    public Histogram(double... bounds) {
        this.bounds = bounds.clone();
        this.counts = new long[bounds.length];
    }

    public synchronized void observe(double value) {
        for (int i = 0; i < bounds.length; i++) {
            if (value <= bounds[i]) {
                counts[i]++;
                break;
            }
        }
        sum += value;
        count++;
    }

    /** Writes {@code name_bucket{..., le}} (cumulative, then +Inf), {@code name_sum} and {@code name_count}. */
    public synchronized void write(PrometheusText text, String name, Map<String, String> labels) {
        long cumulative = 0;
        for (int i = 0; i < bounds.length; i++) {
            cumulative += counts[i];
            text.sample(name + "_bucket", with(labels, PrometheusText.format(bounds[i])), cumulative);
        }
        text.sample(name + "_bucket", with(labels, "+Inf"), count);
        text.sample(name + "_sum", labels, sum);
        text.sample(name + "_count", labels, count);
    }

    private static Map<String, String> with(Map<String, String> labels, String le) {
        Map<String, String> all = new LinkedHashMap<>(labels);
        all.put("le", le);
        return all;
    }
}
