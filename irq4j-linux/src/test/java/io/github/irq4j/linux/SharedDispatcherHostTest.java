package io.github.irq4j.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.irq4j.Device;
import io.github.irq4j.Host;
import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptConfig;
import io.github.irq4j.InterruptMode;
import io.github.irq4j.InterruptResource;
import io.github.irq4j.InterruptStatistics;
import io.github.irq4j.Resource;
import io.github.irq4j.spi.InProcessInterruptSource;
import io.github.irq4j.spi.InterruptSource;
import io.github.irq4j.spi.SharedDispatchProvider;
import io.github.irq4j.spi.SharedDispatcher;
import io.github.irq4j.spi.SignalHandler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The group as a {@code Host.Builder.sharedDispatcher} (SPEC 3.2, what {@code irq4j run --dispatch
 * shared} does): found through {@link SharedDispatchProvider}, it takes every Linux source, also
 * under a decorator, while the host's default environment keeps its DPC and worker threads and
 * gives other sources a thread each.
 */
class SharedDispatcherHostTest {

    private static final long DEADLINE_NS = TimeUnit.SECONDS.toNanos(60);

    private static void awaitCondition(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE_NS;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " within 60 s").isLessThan(deadline);
            Thread.yield();
        }
    }

    /** A decorator as the CLI's measuring source is one: it forwards everything and unwraps to its delegate. */
    record Counting(InterruptSource delegate, AtomicLong polls) implements InterruptSource {
        @Override public String name() { return delegate.name(); }
        @Override public int messageCount() { return delegate.messageCount(); }
        @Override public void connect() throws IOException { delegate.connect(); }
        @Override public int poll(SignalHandler handler) throws IOException { polls.incrementAndGet(); return delegate.poll(handler); }
        @Override public void await(long timeoutNanos) throws IOException { delegate.await(timeoutNanos); }
        @Override public void wakeup() { delegate.wakeup(); }
        @Override public void mask(int message) { delegate.mask(message); }
        @Override public void unmask(int message) { delegate.unmask(message); }
        @Override public void acknowledge(int message, boolean claimed) { delegate.acknowledge(message, claimed); }
        @Override public long lostSignals(int message) { return delegate.lostSignals(message); }
        @Override public void disconnect() throws IOException { delegate.disconnect(); }
        @Override public InterruptSource unwrap() { return delegate.unwrap(); }
    }

    @Test
    void everyEventFdUnderADecoratorRunsOnTheTwoEpollThreadsAndAnInProcessSourceGetsAThread() throws Exception {
        int n = 200;
        SharedDispatchProvider provider = ServiceLoader.load(SharedDispatchProvider.class).findFirst().orElseThrow();
        assertThat(provider).isInstanceOf(EpollSharedDispatchProvider.class);
        List<EventFdSource> sources = new ArrayList<>();
        AtomicLong polls = new AtomicLong();
        Map<String, String> isrThread = new ConcurrentHashMap<>();
        InProcessInterruptSource inProcess = new InProcessInterruptSource("in-process", 1);
        try (SharedDispatcher shared = provider.open(2);
             Host host = Host.builder().sharedDispatcher(shared).build()) {
            assertThat(shared.dispatchThreads()).isEqualTo(2);
            List<Resource> resources = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                EventFdSource s = new EventFdSource("efd" + i);
                sources.add(s);
                resources.add(InterruptResource.line("efd" + i, new Counting(s, polls), 0, InterruptMode.LATCHED));
            }
            resources.add(InterruptResource.line("in-process", inProcess, 0, InterruptMode.LATCHED));
            Device d = host.addDevice("many", dev -> {
                for (Resource r : dev.resources()) {
                    dev.createInterrupt(InterruptConfig.builder((irq, m) -> {
                        isrThread.put(r.name(), Thread.currentThread().getName());
                        irq.queueDpcForIsr();   // the default environment's DPC thread still runs DPCs
                        return true;
                    }).name(r.name()).dpc((irq, o) -> { }).build());
                }
            }, resources);
            host.start(d);
            assertThat(((EpollDispatchGroup) shared).loopsPerThread()).containsExactly(n / 2, n / 2);
            for (EventFdSource s : sources) {
                s.signal(1);
            }
            inProcess.fire(0);
            awaitCondition("every ISR ran", () -> isrThread.size() == n + 1);
            for (int i = 0; i < n; i++) {
                assertThat(isrThread.get("efd" + i)).as("thread of efd%d's ISR", i).matches("irq4j-epoll-[01]");
            }
            assertThat(isrThread.get("in-process")).doesNotStartWith("irq4j-epoll-");
            assertThat(polls.get()).as("the decorator's poll ran (it measures)").isGreaterThanOrEqualTo(n);
            awaitCondition("every DPC ran", () -> d.interrupts().stream().allMatch(i -> i.statistics().dpcRuns() == 1));
            assertThat(Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("irq4j-isr-efd")))
                    .as("no thread per eventfd source").isEmpty();
            host.stop(d);
            for (Interrupt irq : d.interrupts()) {
                InterruptStatistics st = irq.statistics();
                assertThat(st.claimed()).as("claimed of %s", irq.name()).isEqualTo(1);
                assertThat(st.lost()).as("lost of %s", irq.name()).isZero();
            }
            assertThat(((EpollDispatchGroup) shared).loopsPerThread()).containsExactly(0, 0);
            assertThat(sources).noneMatch(EpollSource::isConnected);
            assertThat(((EpollDispatchGroup) shared).failures()).isEmpty();
            assertThat(host.faults()).isEmpty();
        } finally {
            sources.forEach(EventFdSource::close);
        }
    }

    @Test
    void aGroupWithoutWorkerThreadsRefusesDeferredCallsAndBadCountsAreNamed() throws Exception {
        try (EpollDispatchGroup group = new EpollDispatchGroup("no-workers", 1, io.github.irq4j.DispatchMode.BLOCKING, 0)) {
            assertThat(group.threadCount()).isEqualTo(1);
            assertThatThrownBy(() -> group.schedule(null)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("0 worker threads").hasMessageContaining("Host.Builder.sharedDispatcher");
        }
        assertThatThrownBy(() -> new EpollSharedDispatchProvider().open(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threads 0 (expected: 1 <= threads <= 64)");
    }
}
