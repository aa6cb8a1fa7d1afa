package io.github.irq4j.bench;

import io.github.irq4j.Interrupt;
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
 * {@code queueDpcForIsr()} when the DPC is already queued: the coalescing path an ISR takes on
 * every interrupt after the first until the DPC runs (see {@link HeldDpc}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class DeferredBenchmark {

    @Param({"OFF", "THROW", "THROW_SITES"})
    public BenchHost.Verifier verifier;

    private HeldDpc held;
    private Interrupt interrupt;

    @Setup
    public void setUp() {
        held = new HeldDpc("coalesce", verifier);
        interrupt = held.interrupt;
    }

    @TearDown
    public void tearDown() {
        held.close();
    }

    @Benchmark
    public boolean queueDpcCoalesced() {
        return interrupt.queueDpcForIsr();
    }
}
