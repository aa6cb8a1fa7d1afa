package io.github.irq4j.bench;

import io.github.irq4j.DispatchMode;
import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptConfig;
import io.github.irq4j.spi.InProcessInterruptSource;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Interrupt delivery through the framework's threads, one interrupt at a time (the benchmark
 * thread waits for each before firing the next, so edges never merge):
 * <ul>
 * <li>{@code fireToIsr}: {@link InProcessInterruptSource#fire} until the ISR, on the dispatch
 *     thread, has counted it. The reciprocal is the ISR dispatch throughput of one line.</li>
 * <li>{@code fireToIsrToDpc}: the full round trip: the ISR queues the DPC, and the DPC, on the DPC
 *     thread, counts it.</li>
 * </ul>
 * {@code dispatch} is the dispatch thread's wait: {@code BLOCKING} parks between interrupts (wake-up
 * cost included), {@code BUSY_POLL} spins on a core of its own.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class DispatchBenchmark {

    /** How long one interrupt may take before the benchmark gives up instead of hanging. */
    private static final long TIMEOUT_NS = 10_000_000_000L;
    /** Busy spins of the benchmark thread before it starts yielding while it waits. */
    private static final int SPINS = 200;

    @Param({"BLOCKING", "BUSY_POLL"})
    public DispatchMode dispatch;

    private BenchHost bench;
    private InProcessInterruptSource source;
    /** ISR runs; written by the dispatch thread only. */
    private volatile long isrs;
    /** DPC runs; written by the DPC thread only. */
    private volatile long dpcs;
    /** Whether the ISR queues the DPC; written by the benchmark thread before each fire. */
    private volatile boolean withDpc;

    @Setup
    public void setUp() {
        bench = BenchHost.start("dispatch", BenchHost.Verifier.THROW,
                InterruptConfig.builder(this::isr).dpc((i, o) -> dpcs++).dispatchMode(dispatch));
        source = bench.source;
    }

    @TearDown
    public void tearDown() {
        bench.close();
    }

    /** Counts the interrupt and, in the round-trip benchmark, queues the DPC. */
    private boolean isr(Interrupt interrupt, int message) {
        isrs++;
        if (withDpc) {
            interrupt.queueDpcForIsr();
        }
        return true;
    }

    @Benchmark
    public long fireToIsr() {
        withDpc = false;
        long target = isrs + 1;
        source.fire(0);
        long deadline = 0;
        long n;
        for (int round = 0; (n = isrs) < target; round++) {
            deadline = pause(round, deadline, "ISR");
        }
        return n;
    }

    @Benchmark
    public long fireToIsrToDpc() {
        withDpc = true;
        long target = dpcs + 1;
        source.fire(0);
        long deadline = 0;
        long n;
        for (int round = 0; (n = dpcs) < target; round++) {
            deadline = pause(round, deadline, "DPC");
        }
        return n;
    }

    /**
     * One pause of the benchmark thread's wait: spins first, then yields, because on a machine with
     * as few cores as busy threads (this one, a busy-polling dispatch thread) a pure spin would keep
     * the thread it waits for off the CPU for a whole time slice.
     */
    private static long pause(int round, long deadline, String what) {
        if (round < SPINS) {
            Thread.onSpinWait();
            return deadline;
        }
        Thread.yield();
        long now = System.nanoTime();
        if (deadline == 0) {
            return now + TIMEOUT_NS;
        }
        if (now - deadline > 0) {
            throw new IllegalStateException("the " + what + " did not run within " + TIMEOUT_NS / 1_000_000 + " ms of the fire");
        }
        return deadline;
    }
}
