package io.github.irq4j.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.irq4j.Device;
import io.github.irq4j.DispatchMode;
import io.github.irq4j.Host;
import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptConfig;
import io.github.irq4j.InterruptMode;
import io.github.irq4j.InterruptResource;
import java.io.IOException;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Who may release a Linux source, and when: {@code close()} of a connected source fails with a
 * message that says what to do, never a JDK arena error; after {@code close()} every use says the
 * source is closed; the descriptors of the process are back to their number.
 */
class SourceOwnershipTest {

    private static final long DEADLINE_NS = TimeUnit.SECONDS.toNanos(30);

    private static void awaitCondition(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE_NS;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " within 30 s").isLessThan(deadline);
            Thread.yield();
        }
    }

    private static Device eventFdDevice(Host host, EventFdSource source, AtomicLong isrCalls, DispatchMode mode) {
        return host.addDevice("efd", dev -> dev.createInterrupt(InterruptConfig.builder((i, m) -> {
            isrCalls.incrementAndGet();
            return true;
        }).dispatchMode(mode).build()), List.of(InterruptResource.line("efd.irq", source, 0, InterruptMode.LATCHED)));
    }

    @Test
    void closeWhileConnectedFailsClearlyAndWorksAfterStop() throws IOException {
        EventFdSource source = new EventFdSource("efd-owned");
        AtomicLong isrCalls = new AtomicLong();
        try (Host host = Host.builder().build()) {
            Device d = eventFdDevice(host, source, isrCalls, DispatchMode.BLOCKING);
            host.start(d);
            assertThatThrownBy(source::close).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("efd-owned: close() while connected")
                    .hasMessageContaining("stop the device that uses it first");
            source.signal(1);                       // still usable: the failed close released nothing
            awaitCondition("the ISR ran", () -> isrCalls.get() == 1);
            host.stop(d);
            source.close();
            assertThat(host.faults()).isEmpty();
        }
    }

    @Test
    void closeTwiceAndUseAfterCloseGiveClearErrors() throws IOException {
        TimerFdSource timer = new TimerFdSource("tfd-closed", 1_000_000);
        timer.close();
        timer.close();                              // idempotent
        assertThatThrownBy(timer::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tfd-closed: closed, its timerfd is released");
        EventFdSource source = new EventFdSource("efd-closed");
        source.close();
        source.close();
        assertThatThrownBy(() -> source.signal(1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("efd-closed: closed, its eventfds are released; create a new EventFdSource");
        assertThatThrownBy(() -> source.fd(0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        try (Host host = Host.builder().build()) {
            Device d = eventFdDevice(host, source, new AtomicLong(), DispatchMode.BLOCKING);
            assertThatThrownBy(() -> host.start(d)).hasMessageContaining("efd-closed: connect() after close()");
        }
    }

    @Test
    void tryWithResourcesReleasesTheKernelObjects() throws Exception {
        runEventFdAndTimerFdOnce();                 // the JDK opens what it opens lazily once
        long before = EventFdSourceTest.openFds();
        for (int i = 0; i < 3; i++) {
            runEventFdAndTimerFdOnce();
        }
        assertThat(EventFdSourceTest.openFds()).as("descriptors of the process after three runs").isEqualTo(before);
    }

    private static void runEventFdAndTimerFdOnce() throws Exception {
        AtomicLong isrCalls = new AtomicLong();
        try (EventFdSource source = new EventFdSource("efd-twr", 2);
             TimerFdSource timer = new TimerFdSource("tfd-twr", 200_000);
             Host host = Host.builder().build()) {
            Device d = eventFdDevice(host, source, isrCalls, DispatchMode.HYBRID);
            AtomicLong ticks = new AtomicLong();
            Device t = host.addDevice("tick", dev -> dev.createInterrupt(InterruptConfig.builder((i, m) -> {
                ticks.incrementAndGet();
                return true;
            }).build()), List.of(InterruptResource.line("tick.irq", timer, 0, InterruptMode.LATCHED)));
            host.start(d);
            host.start(t);
            timer.start();
            source.signal(1);
            awaitCondition("both ISRs ran", () -> isrCalls.get() >= 1 && ticks.get() >= 3);
        }
    }

    /**
     * A host stop and a source close race: the close either waits its turn (the stop came first)
     * or fails with the ownership message; the dispatch thread never sees its memory go away.
     * Before sources refused to close while connected, the close freed the arena under a polling
     * dispatch thread ("Session is acquired by 1 clients", "poll() before open()").
     */
    @Test
    void aHostStopRacingASourceCloseNeverThrowsAnArenaError() throws Exception {
        Queue<Throwable> uncaught = new ConcurrentLinkedQueue<>();
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));
        int refused = 0;
        try (Host host = Host.builder().build()) {
            for (int run = 0; run < 200; run++) {
                EventFdSource source = new EventFdSource("efd-race");
                AtomicLong isrCalls = new AtomicLong();
                Device d = eventFdDevice(host, source, isrCalls, run % 2 == 0 ? DispatchMode.BUSY_POLL : DispatchMode.BLOCKING);
                host.start(d);
                source.signal(1);
                CyclicBarrier go = new CyclicBarrier(2);
                AtomicReference<Throwable> closeFailure = new AtomicReference<>();
                Thread closer = Thread.ofPlatform().start(() -> {
                    try {
                        go.await();
                        source.close();
                    } catch (Throwable t) {
                        closeFailure.set(t);
                    }
                });
                go.await();
                host.remove(d);
                closer.join();
                Throwable f = closeFailure.get();
                if (f != null) {
                    assertThat(f).as("close racing stop, run %d", run).isInstanceOf(IllegalStateException.class)
                            .hasMessageContaining("efd-race: close() while connected");
                    refused++;
                    source.close();                 // after the stop it succeeds
                }
                assertThatThrownBy(() -> source.signal(1)).hasMessageContaining("closed");
            }
            assertThat(host.faults()).as("faults of the host").isEmpty();
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
        assertThat(uncaught).as("uncaught exceptions on any thread").isEmpty();
        assertThat(refused).as("runs in which close came before the stop's disconnect").isPositive();
    }

    @Test
    void disconnectFromAnotherThreadThanTheDispatchThreadIsRefused() throws Exception {
        EventFdSource source = new EventFdSource("efd-foreign");
        try (Host host = Host.builder().build()) {
            Device d = eventFdDevice(host, source, new AtomicLong(), DispatchMode.BLOCKING);
            host.start(d);
            assertThatThrownBy(source::disconnect).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("efd-foreign: disconnect() from thread")
                    .hasMessageContaining("stop the device");
            Interrupt irq = d.interrupts().getFirst();
            source.signal(1);
            awaitCondition("the loop still dispatches", () -> irq.statistics().isrCalls() == 1);
            host.stop(d);
        } finally {
            source.close();
        }
    }
}
