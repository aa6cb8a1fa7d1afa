package io.github.irq4j.bench;

import io.github.irq4j.Host;
import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptIsr;
import io.github.irq4j.VerifierMode;
import io.github.irq4j.Watchdog;
import io.github.irq4j.spi.InterruptSource;
import io.github.irq4j.spi.SignalHandler;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
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

/**
 * The busy-poll path of the latency harness ({@code --mode busy-poll}) from the moment the
 * source's {@code read(2)} returned a count to the ISR, without the syscalls: a source whose
 * {@code poll} hands one signal to its handler at once, as {@code EventFdSource.drain} does after a
 * read that returned 1, dispatched on the benchmark thread ({@link InlineDispatch}).
 * <ul>
 * <li>{@code irq4j}: {@code pollOnce} of the host's dispatch loop: {@code SourceDispatcher.onSignal},
 *     the line, the interrupt lock, the ISR's callback frame, the ISR, and everything after it.</li>
 * <li>{@code bare}: the same source's poll with a handler that calls the same ISR directly: what the
 *     C program does after its read.</li>
 * <li>{@code irq4jToIsr} and {@code bareToIsr}: the same, with a {@link System#nanoTime()} where the
 *     read would have returned and one as the ISR's first instruction, as the harness stamps; the
 *     mean of their difference (the latency the layers add before the ISR runs) is printed at the
 *     end of each iteration ("to ISR"). Their scores include the two clock reads.</li>
 * </ul>
 * {@code host}: {@code DEFAULT} is the harness's host ({@code Host.builder().build()}: verifier
 * THROW without site capture, the watchdog on); {@code NO_WATCHDOG} turns the watchdog off
 * ({@code Watchdog.disabled()}: no timestamp per frame); {@code OFF} turns the verifier off.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class BusyPollPathBenchmark {

    /** The host settings compared. */
    public enum HostSettings {
        DEFAULT, NO_WATCHDOG, OFF;

        Host.Builder builder() {
            return switch (this) {
                case DEFAULT -> Host.builder();
                case NO_WATCHDOG -> Host.builder().watchdog(Watchdog.disabled());
                case OFF -> Host.builder().verifierMode(VerifierMode.OFF);
            };
        }
    }

    /** A source whose every poll hands over one signal of message 0; optionally stamped when it does. */
    static final class ReadReturnedSource implements InterruptSource {
        private final boolean stamps;
        /** The stamp of the last signal handed over; read by the ISR on the same thread. */
        long readReturnedNs;

        ReadReturnedSource(boolean stamps) {
            this.stamps = stamps;
        }

        @Override
        public String name() {
            return "read-returned";
        }

        @Override
        public int messageCount() {
            return 1;
        }

        @Override
        public int poll(SignalHandler handler) {
            if (stamps) {
                readReturnedNs = System.nanoTime();
            }
            handler.onSignal(0, 1);
            return 1;
        }

        @Override
        public void await(long timeoutNanos) {
        }

        @Override
        public void wakeup() {
        }

        @Override
        public void mask(int message) {
        }

        @Override
        public void unmask(int message) {
        }

        @Override
        public void disconnect() {
        }
    }

    @Param({"DEFAULT", "NO_WATCHDOG", "OFF"})
    public HostSettings host;

    private ReadReturnedSource plain;
    private ReadReturnedSource stamped;
    private InlineDispatch irq4j;
    private InlineDispatch irq4jStamped;
    private SignalHandler bareHandler;
    private SignalHandler bareStampedHandler;
    private long isrs;
    private long toIsrSum;
    private long toIsrCount;

    @Setup
    public void setUp() {
        plain = new ReadReturnedSource(false);
        stamped = new ReadReturnedSource(true);
        InterruptIsr isr = this::isr;
        InterruptIsr stampingIsr = this::stampingIsr;
        irq4j = new InlineDispatch("busy-poll-path", host.builder(), plain, isr);
        irq4jStamped = new InlineDispatch("busy-poll-path-stamped", host.builder(), stamped, stampingIsr);
        bareHandler = (m, c) -> isr.onIsr(null, m);
        bareStampedHandler = (m, c) -> stampingIsr.onIsr(null, m);
    }

    @TearDown
    public void tearDown() {
        irq4j.close();
        irq4jStamped.close();
    }

    @TearDown(Level.Iteration)
    public void printToIsr() {
        if (toIsrCount > 0) {
            System.out.printf(Locale.ROOT, "  to ISR: %.2f ns mean over %d signals%n", toIsrSum / (double) toIsrCount, toIsrCount);
        }
        toIsrSum = 0;
        toIsrCount = 0;
    }

    private boolean isr(Interrupt interrupt, int message) {
        isrs++;
        return true;
    }

    private boolean stampingIsr(Interrupt interrupt, int message) {
        long now = System.nanoTime();
        toIsrSum += now - stamped.readReturnedNs;
        toIsrCount++;
        return true;
    }

    @Benchmark
    public int irq4j() {
        return irq4j.pollOnce();
    }

    @Benchmark
    public int bare() {
        return plain.poll(bareHandler);
    }

    @Benchmark
    public int irq4jToIsr() {
        return irq4jStamped.pollOnce();
    }

    @Benchmark
    public int bareToIsr() {
        return stamped.poll(bareStampedHandler);
    }
}
