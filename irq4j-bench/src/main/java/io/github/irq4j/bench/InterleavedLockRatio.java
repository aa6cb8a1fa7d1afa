package io.github.irq4j.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * The uncontended lock round trip against {@code ReentrantLock}'s, both in one JVM, in alternating
 * batches: the same benchmark methods JMH runs ({@link BaselineLockBenchmark#reentrantLock},
 * {@link InterruptLockBenchmark#acquireRelease}, {@link TryLockBenchmark#tryAcquireRelease}), each
 * called {@code batch} times in a loop of its own, baseline and subject in turn (the order swapped
 * every pair), and the ratio taken pair by pair.
 *
 * <p>Why: on the 2-core build machine (a VM) every benchmark runs in a fast or a slow state for
 * seconds at a time, whatever the code (irq4j-bench/README.md), so JMH's forks of the subject and
 * of the baseline, run one after the other, compare states as often as code. Two batches of about
 * 0.1 ms each see the same state nearly always, so the median of the per-pair ratios is the
 * code's ratio. One variant per JVM, as in a JMH fork: the subject's call sites see one lock kind
 * and one verifier mode, so they compile as in {@code InterruptLockBenchmark}'s fork.
 *
 * <p>Usage: {@code java --enable-native-access=ALL-UNNAMED -cp irq4j-bench/target/benchmarks.jar
 * io.github.irq4j.bench.InterleavedLockRatio VARIANT [--batch N] [--warmup S] [--seconds S]},
 * {@code VARIANT} one of {@code spin:OFF}, {@code spin:THROW}, {@code passive:OFF},
 * {@code passive:THROW}, {@code try:OFF}, {@code try:THROW}. Prints one line: per-call medians of
 * both sides, the median ratio with its quartiles and 10th/90th percentiles, the ratio of the
 * fastest batches, and the share of pairs at or below 1.0x and 1.1x.
 */
public final class InterleavedLockRatio {

    private final BaselineLockBenchmark baseline = new BaselineLockBenchmark();
    private final InterruptLockBenchmark lock;
    private final TryLockBenchmark tryLock;
    /** Sums the benchmarks' return values, so no call is dead code; printed at the end. */
    private long sink;

    private InterleavedLockRatio(String kind, BenchHost.Verifier verifier) {
        if (kind.equals("try")) {
            lock = null;
            tryLock = new TryLockBenchmark();
            tryLock.verifier = verifier;
            tryLock.setUp();
        } else {
            tryLock = null;
            lock = new InterruptLockBenchmark();
            lock.kind = kind;
            lock.verifier = verifier;
            lock.setUp();
        }
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("give a variant: spin:OFF, spin:THROW, passive:OFF, passive:THROW, try:OFF, try:THROW");
        }
        String[] v = args[0].split(":");
        if (v.length != 2 || !(v[0].equals("spin") || v[0].equals("passive") || v[0].equals("try"))) {
            throw new IllegalArgumentException("a variant is spin|passive|try:OFF|THROW, not " + args[0]);
        }
        int batch = 10_000;
        double warmup = 3, seconds = 5;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Double.parseDouble(args[++i]);
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        InterleavedLockRatio r = new InterleavedLockRatio(v[0], BenchHost.Verifier.valueOf(v[1]));
        try {
            r.run(args[0], batch, warmup, seconds);
        } finally {
            r.close();
        }
    }

    private void run(String label, int batch, double warmup, double seconds) {
        pairs(batch, (long) (warmup * 1e9), null, null);
        int capacity = 1 << 20;
        long[] base = new long[capacity];
        long[] subject = new long[capacity];
        int n = pairs(batch, (long) (seconds * 1e9), base, subject);
        double[] ratios = new double[n];
        int le10 = 0, le11 = 0;
        for (int i = 0; i < n; i++) {
            ratios[i] = (double) subject[i] / base[i];
            le10 += ratios[i] <= 1.0 ? 1 : 0;
            le11 += ratios[i] <= 1.1 ? 1 : 0;
        }
        Arrays.sort(ratios);
        long[] b = Arrays.copyOf(base, n);
        long[] s = Arrays.copyOf(subject, n);
        Arrays.sort(b);
        Arrays.sort(s);
        System.out.printf(Locale.ROOT,
                "%-14s pairs %d  ReentrantLock p50 %.2f ns  subject p50 %.2f ns  ratio p50 %.3f [p25 %.3f, p75 %.3f; p10 %.3f, p90 %.3f]"
                        + "  fastest %.2f / %.2f ns = %.3f  pairs <= 1.0x %.0f%%, <= 1.1x %.0f%%  (sink %d)%n",
                label, n, median(b) / batch, median(s) / batch, q(ratios, 0.5), q(ratios, 0.25), q(ratios, 0.75),
                q(ratios, 0.10), q(ratios, 0.90), (double) s[0] / batch, (double) b[0] / batch, (double) s[0] / b[0],
                100.0 * le10 / n, 100.0 * le11 / n, sink);
    }

    /** Runs pairs of batches for {@code nanos}; records them when the arrays are given. Returns the pairs recorded. */
    private int pairs(int batch, long nanos, long[] base, long[] subject) {
        long end = System.nanoTime() + nanos;
        int n = 0;
        while (System.nanoTime() < end && (base == null || n < base.length)) {
            long b, s;
            if ((n & 1) == 0) {
                long t0 = System.nanoTime();
                baselineBatch(batch);
                long t1 = System.nanoTime();
                subjectBatch(batch);
                long t2 = System.nanoTime();
                b = t1 - t0;
                s = t2 - t1;
            } else {
                long t0 = System.nanoTime();
                subjectBatch(batch);
                long t1 = System.nanoTime();
                baselineBatch(batch);
                long t2 = System.nanoTime();
                s = t1 - t0;
                b = t2 - t1;
            }
            if (base != null) {
                base[n] = b;
                subject[n] = s;
            }
            n++;
        }
        return base == null ? 0 : n;
    }

    private void baselineBatch(int batch) {
        long sum = 0;
        for (int i = 0; i < batch; i++) {
            sum += baseline.reentrantLock();
        }
        sink += sum;
    }

    private void subjectBatch(int batch) {
        long sum = 0;
        if (lock != null) {
            for (int i = 0; i < batch; i++) {
                sum += lock.acquireRelease();
            }
        } else {
            for (int i = 0; i < batch; i++) {
                sum += tryLock.tryAcquireRelease();
            }
        }
        sink += sum;
    }

    private void close() {
        if (lock != null) {
            lock.tearDown();
        } else {
            tryLock.tearDown();
        }
    }

    private static double median(long[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    private static double q(double[] sorted, double p) {
        double pos = p * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}
