package io.github.irq4j.bench.latency;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToLongFunction;
import org.HdrHistogram.Histogram;

/**
 * The percentiles of one latency distribution, in nanoseconds.
 *
 * @param count values recorded
 * @param p50 median
 * @param p90 90th percentile
 * @param p99 99th percentile
 * @param p999 99.9th percentile
 * @param max largest value
 */
public record Percentiles(long count, long p50, long p90, long p99, long p999, long max) {

    /** The names of the percentiles, in the order of {@link #values()}. */
    public static final List<String> NAMES = List.of("p50", "p90", "p99", "p99.9", "max");

    /** The percentiles of {@code h} (HdrHistogram's {@code getValueAtPercentile}, its maximum). */
    public static Percentiles of(Histogram h) {
        return new Percentiles(h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(90),
                h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue());
    }

    /** p50, p90, p99, p99.9, max. */
    public long[] values() {
        return new long[] {p50, p90, p99, p999, max};
    }

    /**
     * Each field's median over {@code runs} (the middle value; for an even number of runs the mean
     * of the two middle ones, rounded down). Each percentile is taken on its own, so the result
     * need not be one of the runs.
     *
     * @throws IllegalArgumentException if {@code runs} is empty
     */
    public static Percentiles median(List<Percentiles> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs to take the median of (expected: at least one)");
        }
        return new Percentiles(median(runs, Percentiles::count), median(runs, Percentiles::p50),
                median(runs, Percentiles::p90), median(runs, Percentiles::p99), median(runs, Percentiles::p999),
                median(runs, Percentiles::max));
    }

    private static long median(List<Percentiles> runs, ToLongFunction<Percentiles> field) {
        long[] v = runs.stream().mapToLong(field).sorted().toArray();
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : Math.floorDiv(v[n / 2 - 1] + v[n / 2], 2);
    }

    /** {@code this / base} for each of p50, p90, p99, p99.9, max (NaN where {@code base} is 0). */
    public double[] ratioTo(Percentiles base) {
        long[] a = values();
        long[] b = base.values();
        double[] r = new double[a.length];
        Arrays.setAll(r, i -> b[i] == 0 ? Double.NaN : (double) a[i] / b[i]);
        return r;
    }
}
