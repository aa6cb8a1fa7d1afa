package io.github.irq4j.bench;

import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptConfig;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The lock under contention, as a driver meets it: an ISR arrives at a fixed rate and holds the
 * lock for a fixed amount of work, while an I/O thread (the benchmark thread, a plain application
 * thread like an I/O queue callback's) takes the same lock around its own update of the shared
 * state. JMH measures the I/O thread: throughput, and with {@link Mode#SampleTime} the distribution
 * of one acquire-update-release, which is the acquire latency plus a few nanoseconds.
 *
 * <p>{@code lock}: {@code spin} and {@code passive} are irq4j interrupts (verifier OFF), their ISR
 * on the dispatch thread of an {@link io.github.irq4j.spi.InProcessInterruptSource} fired by a pacer
 * thread. {@code reentrantLock} and {@code synchronized} are the same experiment on a JDK lock:
 * the pacer wakes an "ISR" thread of its own (park/unpark, as the in-process source wakes its
 * dispatch thread), which takes the lock and does the same work. All four run in the same JMH run,
 * so their ratios are the result. The pacer never bursts to catch up: an ISR it could not fire on
 * time is skipped, and the ISRs that ran are printed at the end of each trial.
 */
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ContendedLockBenchmark {

    @Param({"spin", "passive", "reentrantLock", "synchronized"})
    public String lock;

    /** ISRs per second the pacer aims at. */
    @Param({"10000"})
    public int isrPerSecond;

    /** {@link Blackhole#consumeCPU} tokens the ISR spends holding the lock (about 1 us at 500 here). */
    @Param({"500"})
    public int isrWork;

    private BenchHost bench;
    private Interrupt interrupt;
    private final ReentrantLock reentrant = new ReentrantLock();
    private final Object monitor = new Object();
    /** The state the lock protects, updated by the ISR and by the I/O thread. */
    private long shared;
    private final AtomicLong isrs = new AtomicLong();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile boolean running;
    private Thread pacer;
    private Thread isrThread;
    private long trialStart;
    /** The lock as a number: the benchmark method switches on it (a string switch would hash each call). */
    private int kind;

    @Setup(Level.Trial)
    public void setUp() {
        running = true;
        isrs.set(0);
        kind = switch (lock) {
            case "spin", "passive" -> 0;
            case "reentrantLock" -> 1;
            default -> 2;
        };
        Runnable fire;
        switch (lock) {
            case "spin", "passive" -> {
                bench = BenchHost.start("contended-" + lock, BenchHost.Verifier.OFF, InterruptConfig.builder((i, m) -> {
                    isrBody();
                    return true;
                }).passiveHandling("passive".equals(lock)));
                interrupt = bench.interrupt;
                fire = () -> bench.source.fire(0);
            }
            case "reentrantLock", "synchronized" -> {
                boolean useReentrant = "reentrantLock".equals(lock);
                isrThread = Thread.ofPlatform().daemon().name("baseline-isr").start(() -> {
                    while (running) {
                        if (pending.getAndSet(0) == 0) {
                            LockSupport.park(this);
                            continue;
                        }
                        if (useReentrant) {
                            reentrant.lock();
                            try {
                                isrBody();
                            } finally {
                                reentrant.unlock();
                            }
                        } else {
                            synchronized (monitor) {
                                isrBody();
                            }
                        }
                    }
                });
                fire = () -> {
                    pending.incrementAndGet();
                    LockSupport.unpark(isrThread);
                };
            }
            default -> throw new IllegalArgumentException("lock " + lock + " (expected: spin, passive, reentrantLock, synchronized)");
        }
        long period = 1_000_000_000L / isrPerSecond;
        pacer = Thread.ofPlatform().daemon().name("isr-pacer").start(() -> {
            long next = System.nanoTime();
            while (running) {
                next += period;
                long wait;
                while ((wait = next - System.nanoTime()) > 0 && running) {
                    LockSupport.parkNanos(wait);
                }
                long late = System.nanoTime() - next;
                if (late > period) {
                    next += late / period * period;   // skip what it missed: a fixed rate, never a burst
                }
                fire.run();
            }
        });
        trialStart = System.nanoTime();
    }

    /** The ISR's work under the lock: a fixed amount of CPU, then the shared update. */
    private void isrBody() {
        Blackhole.consumeCPU(isrWork);
        shared++;
        isrs.incrementAndGet();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        running = false;
        pacer.join(5000);
        if (isrThread != null) {
            LockSupport.unpark(isrThread);
            isrThread.join(5000);
        }
        if (bench != null) {
            bench.close();
        }
        double secs = (System.nanoTime() - trialStart) / 1e9;
        System.out.printf("%n[contended %s] ISRs run: %d in %.1f s = %.0f/s (aimed at %d/s)%n", lock, isrs.get(), secs,
                isrs.get() / secs, isrPerSecond);
    }

    /** The I/O thread: acquire, update the shared state, release. */
    @Benchmark
    public long ioThread() {
        switch (kind) {
            case 0 -> {
                interrupt.acquireLock();
                try {
                    return ++shared;
                } finally {
                    interrupt.releaseLock();
                }
            }
            case 1 -> {
                reentrant.lock();
                try {
                    return ++shared;
                } finally {
                    reentrant.unlock();
                }
            }
            default -> {
                synchronized (monitor) {
                    return ++shared;
                }
            }
        }
    }
}
