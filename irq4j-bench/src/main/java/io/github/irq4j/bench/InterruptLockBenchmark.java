package io.github.irq4j.bench;

import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptConfig;
import io.github.irq4j.InterruptSynchronize;
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
 * The uncontended interrupt lock from a driver thread (not a framework thread, so the level is
 * found through the thread-local): {@code acquireLock()}/{@code releaseLock()} around one
 * increment, and {@code synchronize()} with a callback kept in a field. Compare with
 * {@link BaselineLockBenchmark} in the same run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class InterruptLockBenchmark {

    /** {@code spin}: a spin-lock (DIRQL) interrupt; {@code passive}: a passive-level interrupt (wait lock). */
    @Param({"spin", "passive"})
    public String kind;

    @Param({"OFF", "THROW", "THROW_SITES"})
    public BenchHost.Verifier verifier;

    private BenchHost bench;
    private Interrupt interrupt;
    private int counter;
    private final InterruptSynchronize callback = i -> {
        counter++;
        return true;
    };

    @Setup
    public void setUp() {
        bench = BenchHost.start("lock-" + kind, verifier,
                InterruptConfig.builder((i, m) -> true).passiveHandling("passive".equals(kind)));
        interrupt = bench.interrupt;
    }

    @TearDown
    public void tearDown() {
        bench.close();
    }

    @Benchmark
    public int acquireRelease() {
        interrupt.acquireLock();
        try {
            return ++counter;
        } finally {
            interrupt.releaseLock();
        }
    }

    @Benchmark
    public boolean synchronize() {
        return interrupt.synchronize(callback);
    }
}
