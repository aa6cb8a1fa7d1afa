package io.github.irq4j.bench.latency;

import java.util.List;
import java.util.Objects;

/**
 * What the harness runs: per mode, {@code rounds} times the C baseline then irq4j, each run
 * {@code warmup} unrecorded interrupts then {@code interrupts} recorded ones, one every
 * {@code periodNs} at most (and never before the previous one was handled).
 *
 * @param interrupts recorded interrupts per run, 1 to {@value #MAX_INTERRUPTS}
 * @param warmup unrecorded interrupts at the start of each run, 0 to {@value #MAX_INTERRUPTS}
 * @param rounds runs of each side per mode, 1 to {@value #MAX_ROUNDS}
 * @param periodNs the shortest time between two signals, 0 (as soon as the last was handled) to 1 s
 * @param hybridSpinNs how long the hybrid mode spins before it blocks, 0 to 1 s
 * @param modes the modes, at least one, no repeats
 * @param compiler the C compiler's command or path ({@code gcc})
 * @param dpc whether irq4j's ISR also queues a DPC, measuring ISR to DPC (the device then waits for the DPC too)
 */
public record LatencyConfig(long interrupts, long warmup, int rounds, long periodNs, long hybridSpinNs,
                            List<LatencyMode> modes, String compiler, boolean dpc) {

    /** The most interrupts (and warm-up interrupts) one run takes. */
    public static final long MAX_INTERRUPTS = 10_000_000L;
    /** The most rounds. */
    public static final int MAX_ROUNDS = 100;
    /** Default recorded interrupts per run. */
    public static final long DEFAULT_INTERRUPTS = 100_000L;
    /** Default rounds. */
    public static final int DEFAULT_ROUNDS = 3;
    /** Default time between signals: 100 us, a device interrupting at 10 kHz. */
    public static final long DEFAULT_PERIOD_NS = 100_000L;
    /** Default hybrid spin: irq4j's own default, {@code InterruptConfig.DEFAULT_HYBRID_SPIN_NS}. */
    public static final long DEFAULT_HYBRID_SPIN_NS = io.github.irq4j.InterruptConfig.DEFAULT_HYBRID_SPIN_NS;
    /** The most warm-up interrupts {@link #defaultWarmup} gives. */
    public static final long MAX_DEFAULT_WARMUP = 10_000L;

    public LatencyConfig {
        check("interrupts", interrupts, 1, MAX_INTERRUPTS);
        check("warmup", warmup, 0, MAX_INTERRUPTS);
        check("rounds", rounds, 1, MAX_ROUNDS);
        check("periodNs", periodNs, 0, 1_000_000_000L);
        check("hybridSpinNs", hybridSpinNs, 0, 1_000_000_000L);
        Objects.requireNonNull(modes, "modes");
        modes = List.copyOf(modes);
        if (modes.isEmpty() || modes.stream().distinct().count() != modes.size()) {
            throw new IllegalArgumentException("modes: " + modes + " (expected: at least one mode, each once)");
        }
        Objects.requireNonNull(compiler, "compiler");
        if (compiler.isBlank()) {
            throw new IllegalArgumentException("compiler: blank (expected: a C compiler's command or path, e.g. gcc)");
        }
    }

    /** The defaults: 100,000 interrupts (10,000 warm-up), 3 rounds, one every 100 us, every mode, {@code gcc}, no DPC. */
    public static LatencyConfig defaults() {
        return new LatencyConfig(DEFAULT_INTERRUPTS, defaultWarmup(DEFAULT_INTERRUPTS), DEFAULT_ROUNDS, DEFAULT_PERIOD_NS,
                DEFAULT_HYBRID_SPIN_NS, LatencyMode.ALL, "gcc", false);
    }

    /** A tenth of {@code interrupts}, at most {@value #MAX_DEFAULT_WARMUP}: enough for the JIT to compile the dispatch path. */
    public static long defaultWarmup(long interrupts) {
        return Math.min(MAX_DEFAULT_WARMUP, interrupts / 10);
    }

    private static void check(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: " + min + " <= " + name + " <= " + max + ")");
        }
    }
}
