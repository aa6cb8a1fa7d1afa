package io.github.irq4j.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs JMH benchmarks as paired forks: in each round, one fork of every variant, one after the
 * other, the order rotated from round to round; then compares each variant with the first (the
 * baseline) round by round. On a machine whose forks settle in a fast or a slow state (the 2-core
 * build machine: see irq4j-bench/README.md), JMH's usual layout (all forks of one benchmark, then
 * all of the next) compares one benchmark's forks of one period with another's of a later one, and
 * its mean mixes the two states. Here each ratio is taken between forks minutes apart at most, and
 * the summary gives medians and quartiles, over rounds, of the fork means and of the per-round
 * ratios and differences. The benchmarks themselves are run unchanged (their {@code @Fork}
 * JVM arguments included).
 *
 * <p>Usage: {@code java -cp irq4j-bench/target/benchmarks.jar io.github.irq4j.bench.PairedForks
 * [--rounds N] [--wi N] [--i N] [--w SECONDS] [--r SECONDS] [--gc] [--csv FILE] VARIANT...}, where
 * a variant is a JMH include pattern matching one benchmark method, optionally followed by
 * {@code ;name=value} parameters, e.g.
 * {@code 'InterruptLockBenchmark\.acquireRelease$;kind=passive;verifier=THROW'}.
 */
public final class PairedForks {

    private record Variant(String pattern, List<String[]> params) {
        String label() {
            StringBuilder b = new StringBuilder(pattern.replace("\\", "").replace("$", "").replace("io.github.irq4j.bench.", ""));
            for (String[] p : params) {
                b.append(' ').append(p[0]).append('=').append(p[1]);
            }
            return b.toString();
        }
    }

    /** One fork: its mean score, its iterations, its allocation per op (NaN without --gc). */
    private record Fork(double mean, double[] iterations, double allocPerOp) {
    }

    private PairedForks() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        int rounds = 5, wi = 3, mi = 5;
        double w = 1, r = 1;
        boolean gc = false;
        Path csv = null;
        List<Variant> variants = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--wi" -> wi = Integer.parseInt(args[++i]);
                case "--i" -> mi = Integer.parseInt(args[++i]);
                case "--w" -> w = Double.parseDouble(args[++i]);
                case "--r" -> r = Double.parseDouble(args[++i]);
                case "--gc" -> gc = true;
                case "--csv" -> csv = Path.of(args[++i]);
                default -> variants.add(parse(args[i]));
            }
        }
        if (variants.size() < 2) {
            throw new IllegalArgumentException("give a baseline variant and at least one more");
        }
        int k = variants.size();
        Fork[][] forks = new Fork[k][rounds];
        List<String> lines = new ArrayList<>();
        lines.add("round,position,variant,fork_mean_ns,alloc_b_per_op,iterations_ns");
        PrintStream out = System.out;
        for (int round = 0; round < rounds; round++) {
            for (int pos = 0; pos < k; pos++) {
                // Rotate the start and reverse every other round, so no variant always runs first or last.
                int v = round % 2 == 0 ? (round / 2 + pos) % k : (round / 2 + k - 1 - pos) % k;
                Fork f = runFork(variants.get(v), wi, mi, w, r, gc);
                forks[v][round] = f;
                out.printf(Locale.ROOT, "round %d/%d  %-52s %8.3f ns/op%n", round + 1, rounds, variants.get(v).label(), f.mean);
                StringBuilder it = new StringBuilder();
                for (double x : f.iterations) {
                    it.append(it.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%.3f", x));
                }
                lines.add(String.format(Locale.ROOT, "%d,%d,\"%s\",%.3f,%.4f,%s", round + 1, pos + 1, variants.get(v).label(), f.mean, f.allocPerOp, it));
            }
        }
        out.println();
        out.printf(Locale.ROOT, "%d rounds; per variant: median fork mean [quartiles] (min..max); against %s in the same round:%n",
                rounds, variants.getFirst().label());
        out.println("ratio median [quartiles], difference median [quartiles], rounds with a ratio <= 1.0 / <= 1.1; alloc B/op max");
        for (int v = 0; v < k; v++) {
            double[] means = new double[rounds];
            double[] ratios = new double[rounds];
            double[] diffs = new double[rounds];
            int le10 = 0, le11 = 0;
            double alloc = Double.NaN;
            for (int round = 0; round < rounds; round++) {
                means[round] = forks[v][round].mean;
                ratios[round] = forks[v][round].mean / forks[0][round].mean;
                diffs[round] = forks[v][round].mean - forks[0][round].mean;
                le10 += ratios[round] <= 1.0 ? 1 : 0;
                le11 += ratios[round] <= 1.1 ? 1 : 0;
                double a = forks[v][round].allocPerOp;
                alloc = Double.isNaN(alloc) ? a : Math.max(alloc, a);
            }
            double[] m = sorted(means);
            out.printf(Locale.ROOT, "%-52s %7.2f [%.2f, %.2f] (%.2f..%.2f)", variants.get(v).label(),
                    quantile(m, 0.5), quantile(m, 0.25), quantile(m, 0.75), m[0], m[rounds - 1]);
            if (v > 0) {
                double[] q = sorted(ratios);
                double[] d = sorted(diffs);
                out.printf(Locale.ROOT, "  x%.3f [%.3f, %.3f]  %+.2f ns [%+.2f, %+.2f]  %d/%d, %d/%d",
                        quantile(q, 0.5), quantile(q, 0.25), quantile(q, 0.75),
                        quantile(d, 0.5), quantile(d, 0.25), quantile(d, 0.75), le10, rounds, le11, rounds);
            }
            if (gc) {
                out.printf(Locale.ROOT, "  alloc %.4f", alloc);
            }
            out.println();
        }
        if (csv != null) {
            Files.write(csv, lines);
        }
    }

    private static Variant parse(String spec) {
        String[] parts = spec.split(";");
        List<String[]> params = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("a parameter is name=value: " + parts[i]);
            }
            params.add(kv);
        }
        return new Variant(parts[0], params);
    }

    private static Fork runFork(Variant variant, int wi, int mi, double w, double r, boolean gc) throws RunnerException {
        ChainedOptionsBuilder o = new OptionsBuilder().include(variant.pattern).forks(1)
                .warmupIterations(wi).warmupTime(millis(w)).measurementIterations(mi).measurementTime(millis(r))
                .shouldFailOnError(true).verbosity(VerboseMode.SILENT);
        for (String[] p : variant.params) {
            o.param(p[0], p[1]);
        }
        if (gc) {
            o.addProfiler(GCProfiler.class);
        }
        Collection<RunResult> results = new Runner(o.build()).run();
        if (results.size() != 1) {
            throw new IllegalArgumentException(variant.label() + " matched " + results.size() + " benchmarks, not one: "
                    + results.stream().map(RunResult::getParams).map(BenchmarkParams::id).toList());
        }
        RunResult run = results.iterator().next();
        List<Double> its = new ArrayList<>();
        for (BenchmarkResult b : run.getBenchmarkResults()) {
            for (IterationResult it : b.getIterationResults()) {
                its.add(it.getPrimaryResult().getScore());
            }
        }
        double alloc = Double.NaN;
        for (var e : run.getSecondaryResults().entrySet()) {
            if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                Result<?> a = e.getValue();
                alloc = a.getScore();
            }
        }
        return new Fork(run.getPrimaryResult().getScore(), its.stream().mapToDouble(Double::doubleValue).toArray(), alloc);
    }

    private static TimeValue millis(double seconds) {
        return TimeValue.milliseconds(Math.round(seconds * 1000));
    }

    private static double[] sorted(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s;
    }

    /** Linear interpolation between the closest ranks of a sorted array. */
    private static double quantile(double[] s, double q) {
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (s[hi] - s[lo]) * (pos - lo);
    }
}
