package io.github.irq4j.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.irq4j.Device;
import io.github.irq4j.Fault;
import io.github.irq4j.Host;
import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptConfig;
import io.github.irq4j.InterruptMode;
import io.github.irq4j.InterruptResource;
import io.github.irq4j.StormPolicy;
import io.github.irq4j.spi.InterruptSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * SPEC 3 and 3.1 on kernel sources: "nobody cared" masks an eventfd or timerfd line whose ISR
 * claims nothing, and the storm rule masks one whose ISR claims everything above the ceiling. Both
 * rules sit in the one dispatch path every source kind goes through (the line's dispatch, called
 * by the source's dispatch loop), which is also UIO's, VFIO's and GPIO's.
 */
class NobodyCaredAndStormTest {

    /** Generous: a loaded 2-core machine may give the dispatch thread a small share of a core. */
    private static final long DEADLINE_NS = TimeUnit.SECONDS.toNanos(120);

    private static void awaitCondition(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE_NS;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " within 120 s").isLessThan(deadline);
            LockSupport.parkNanos(1_000_000);
        }
    }

    private static boolean has(Host host, Fault.Kind kind) {
        return host.faults().stream().anyMatch(f -> f.kind() == kind);
    }

    private static Interrupt start(Host host, InterruptSource source, boolean claims) {
        AtomicReference<Interrupt> made = new AtomicReference<>();
        Device d = host.addDevice("dev", dev -> made.set(dev.createInterrupt(InterruptConfig.builder((i, m) -> claims).name("irq").build())),
                List.of(InterruptResource.line("dev.irq", source, 0, InterruptMode.LATCHED)));
        host.start(d);
        return made.get();
    }

    @Test
    void aTimerFdLineNobodyClaimsIsMaskedAndReported() throws Exception {
        try (TimerFdSource source = new TimerFdSource("tfd-nobody", 2_000); Host host = Host.builder().build()) {
            Interrupt irq = start(host, source, false);
            source.start();
            awaitCondition("nobody cared", () -> has(host, Fault.Kind.NOBODY_CARED));
            assertThat(source.isMasked(0)).isTrue();
            assertThat(irq.statistics().isrCalls()).isEqualTo(100_000);
            assertThat(irq.statistics().claimed()).isZero();
            host.close();
        }
    }

    @Test
    void anEventFdLineNobodyClaimsIsMaskedAndReported() throws Exception {
        try (EventFdSource source = new EventFdSource("efd-nobody"); Host host = Host.builder().build()) {
            Interrupt irq = start(host, source, false);
            Thread writer = new Thread(() -> {
                while (!has(host, Fault.Kind.NOBODY_CARED) && !Thread.currentThread().isInterrupted()) {
                    try {
                        for (int k = 0; k < 1_000; k++) {
                            source.signal(1);
                        }
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }, "efd-writer");
            writer.start();
            try {
                awaitCondition("nobody cared", () -> has(host, Fault.Kind.NOBODY_CARED));
            } finally {
                writer.interrupt();
                writer.join();
            }
            assertThat(source.isMasked(0)).isTrue();
            assertThat(irq.statistics().isrCalls()).isEqualTo(100_000);
            host.close();
        }
    }

    @Test
    void aTimerFdLineClaimedAboveTheCeilingIsAStorm() throws Exception {
        StormPolicy low = new StormPolicy(1_000, Duration.ofMillis(100), StormPolicy.Action.MASK);
        try (TimerFdSource source = new TimerFdSource("tfd-storm", 2_000); Host host = Host.builder().interruptStorm(low).build()) {
            Interrupt irq = start(host, source, true);
            source.start();
            awaitCondition("a storm report", () -> has(host, Fault.Kind.INTERRUPT_STORM));
            assertThat(source.isMasked(0)).isTrue();
            assertThat(host.faults()).filteredOn(f -> f.kind() == Fault.Kind.INTERRUPT_STORM).singleElement()
                    .satisfies(f -> assertThat(f.message()).contains("InterruptStorm: irq line 0 of source 'tfd-storm'"));
            assertThat(irq.statistics().claimed()).isEqualTo(irq.statistics().isrCalls());
            host.close();
        }
    }
}
