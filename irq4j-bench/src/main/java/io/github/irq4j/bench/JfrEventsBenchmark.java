package io.github.irq4j.bench;

import io.github.irq4j.Interrupt;
import io.github.irq4j.VerifierMode;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the irq4j JFR events (SPEC 4.5) cost on ISR dispatch with no recording: one ISR dispatch on
 * the caller's thread ({@link InlineDispatch}: fire, poll, line, lock, callback frame, ISR) with the
 * events compiled in ({@code isrDispatch}, the default) against the same path in a fork where
 * {@code -Dirq4j.jfr.events=false} makes the frame's event calls dead code
 * ({@code isrDispatchEventsCompiledOut}). The difference of the two scores is the events' cost; the
 * issue's bound is 1 ns. With no recording the events' calls are folded out of the compiled
 * frame in both forks (the recording guard is a constant there), so the expected difference is
 * zero. Both run the watchdog's timestamp, which is not an event's. The two cannot share a JVM
 * (the switch is a {@code static final} read once), and a fork runs in a fast or a slow state of
 * the machine, so compare them fork by fork with {@link PairedForks} (irq4j-bench/README.md).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class JfrEventsBenchmark {

    private InlineDispatch dispatch;
    private long isrs;

    @Setup
    public void setUp() {
        dispatch = new InlineDispatch("jfr-bench", VerifierMode.THROW, this::isr);
    }

    @TearDown
    public void tearDown() {
        dispatch.close();
    }

    private boolean isr(Interrupt interrupt, int message) {
        isrs++;
        return true;
    }

    @Benchmark
    @Fork(1)
    public int isrDispatch() {
        return dispatch.fireAndDispatch();
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = "-Dirq4j.jfr.events=false")
    public int isrDispatchEventsCompiledOut() {
        return dispatch.fireAndDispatch();
    }
}
