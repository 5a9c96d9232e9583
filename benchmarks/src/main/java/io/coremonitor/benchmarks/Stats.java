package io.coremonitor.benchmarks;

import java.util.List;

/** Small statistics helpers shared by the benchmarks. */
final class Stats {

    private Stats() {
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The nearest-rank percentile ({@code p} in (0, 100]): the smallest value at least p % of the values do not exceed. */
    static double percentile(List<Double> values, double p) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        if (n == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * n);
        return sorted.get(Math.min(n, Math.max(1, rank)) - 1);
    }
}
