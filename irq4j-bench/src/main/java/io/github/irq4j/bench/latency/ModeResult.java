package io.github.irq4j.bench.latency;

import java.util.List;
import java.util.Objects;

/**
 * One mode's runs, C and irq4j, round by round, and their summary: each percentile's median over
 * the rounds, and irq4j's median divided by C's.
 *
 * @param mode the mode
 * @param c the C baseline's runs, in round order
 * @param irq4j irq4j's runs, in round order
 */
public record ModeResult(LatencyMode mode, List<RunResult> c, List<RunResult> irq4j) {

    public ModeResult {
        Objects.requireNonNull(mode, "mode");
        c = List.copyOf(c);
        irq4j = List.copyOf(irq4j);
        if (c.isEmpty() || c.size() != irq4j.size()) {
            throw new IllegalArgumentException(mode.label() + ": " + c.size() + " C runs and " + irq4j.size()
                    + " irq4j runs (expected: the same number, at least one)");
        }
    }

    /** The C baseline's percentiles, each the median over the rounds. */
    public Percentiles cMedian() {
        return Percentiles.median(c.stream().map(RunResult::latency).toList());
    }

    /** irq4j's percentiles, each the median over the rounds. */
    public Percentiles irq4jMedian() {
        return Percentiles.median(irq4j.stream().map(RunResult::latency).toList());
    }

    /** irq4j / C for p50, p90, p99, p99.9 and max, of the medians over the rounds. */
    public double[] ratios() {
        return irq4jMedian().ratioTo(cMedian());
    }

    /** irq4j's ISR to DPC percentiles (median over the rounds), or {@code null} if it ran without a DPC. */
    public Percentiles dpcMedian() {
        if (irq4j.stream().anyMatch(r -> r.isrToDpc() == null)) {
            return null;
        }
        return Percentiles.median(irq4j.stream().map(RunResult::isrToDpc).toList());
    }

    /** The median over {@code runs} of the device's signal call (stamp to call returned), in ns; -1 if unknown. */
    public static long medianSignalCallNs(List<RunResult> runs) {
        return (long) median(runs.stream().mapToDouble(RunResult::signalCallNs).toArray());
    }

    /** The median over {@code runs} of the run's time per handler {@code read(2)} (in busy-poll: one poll), in ns; -1 if unknown. */
    public static double medianNsPerHandlerRead(List<RunResult> runs) {
        return median(runs.stream().mapToDouble(RunResult::nsPerHandlerRead).toArray());
    }

    /** The median of {@code values} (the lower middle one of an even count); -1 if any is unknown (negative). */
    private static double median(double[] values) {
        if (values.length == 0 || java.util.Arrays.stream(values).anyMatch(v -> v < 0)) {
            return -1;
        }
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return v[(v.length - 1) / 2];
    }

    /** Whether every run of both sides handled every signal exactly once. */
    public boolean nothingLost() {
        return c.stream().allMatch(RunResult::nothingLost) && irq4j.stream().allMatch(RunResult::nothingLost);
    }
}
