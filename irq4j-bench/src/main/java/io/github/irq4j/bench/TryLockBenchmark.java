package io.github.irq4j.bench;

import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptConfig;
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
 * {@code tryToAcquireLock()}/{@code releaseLock()} on a free passive interrupt lock: the path of an
 * I/O callback in the {@code WdfInterruptTryToAcquireLock} page's example. Passive only: on a
 * spin-lock interrupt the call is a violation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class TryLockBenchmark {

    @Param({"OFF", "THROW", "THROW_SITES"})
    public BenchHost.Verifier verifier;

    private BenchHost bench;
    private Interrupt interrupt;
    private int counter;

    @Setup
    public void setUp() {
        bench = BenchHost.start("try-lock", verifier, InterruptConfig.builder((i, m) -> true).passiveHandling(true));
        interrupt = bench.interrupt;
    }

    @TearDown
    public void tearDown() {
        bench.close();
    }

    @Benchmark
    public int tryAcquireRelease() {
        if (!interrupt.tryToAcquireLock()) {
            throw new IllegalStateException("tryToAcquireLock() returned false on a free lock");
        }
        try {
            return ++counter;
        } finally {
            interrupt.releaseLock();
        }
    }
}
