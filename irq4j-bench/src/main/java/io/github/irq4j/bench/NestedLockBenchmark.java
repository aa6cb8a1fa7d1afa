package io.github.irq4j.bench;

import io.github.irq4j.Device;
import io.github.irq4j.Host;
import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptConfig;
import io.github.irq4j.InterruptMode;
import io.github.irq4j.InterruptResource;
import io.github.irq4j.spi.InProcessInterruptSource;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
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
 * Two interrupt locks nested, {@code outer} then {@code inner}, the path where lock-order validation
 * (rule {@code LockOrder}, SPEC 6.1) has an edge to check on every acquire: with the verifier
 * {@code THROW} the inner acquire tests the already-seen edge {@code outer -> inner}; with
 * {@code OFF} nothing is validated. Issue 11 asks for at most 2x between the two in the same run;
 * {@link #reentrantLocks} is the same nesting with two {@link ReentrantLock}s.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class NestedLockBenchmark {

    /** {@code spin}: two spin-lock interrupts (DIRQL(0), then DIRQL(1)); {@code passive}: two passive interrupts. */
    @Param({"spin", "passive"})
    public String kind;

    @Param({"OFF", "THROW"})
    public BenchHost.Verifier verifier;

    private Host host;
    private Interrupt outer;
    private Interrupt inner;
    private final ReentrantLock outerLock = new ReentrantLock();
    private final ReentrantLock innerLock = new ReentrantLock();
    private int counter;

    @Setup
    public void setUp() {
        InProcessInterruptSource source = new InProcessInterruptSource("nested", 2);
        host = Host.builder().verifierMode(verifier.mode).captureAcquireSites(verifier.captureSites).build();
        boolean passive = "passive".equals(kind);
        Interrupt[] created = new Interrupt[2];
        Device device = host.addDevice("nested", d -> {
            created[0] = d.createInterrupt(InterruptConfig.builder((i, m) -> true).name("outer").passiveHandling(passive)
                    .resource(d.resources().get(0)).build());
            created[1] = d.createInterrupt(InterruptConfig.builder((i, m) -> true).name("inner").passiveHandling(passive)
                    .resource(d.resources().get(1)).build());
        }, List.of(InterruptResource.line("nested.0", source, 0, InterruptMode.LATCHED),
                InterruptResource.line("nested.1", source, 1, InterruptMode.LATCHED)));
        host.start(device);
        outer = created[0];
        inner = created[1];
    }

    @TearDown
    public void tearDown() {
        host.close();
    }

    @Benchmark
    public int nested() {
        outer.acquireLock();
        try {
            inner.acquireLock();
            try {
                return ++counter;
            } finally {
                inner.releaseLock();
            }
        } finally {
            outer.releaseLock();
        }
    }

    @Benchmark
    public int reentrantLocks() {
        outerLock.lock();
        try {
            innerLock.lock();
            try {
                return ++counter;
            } finally {
                innerLock.unlock();
            }
        } finally {
            outerLock.unlock();
        }
    }
}
