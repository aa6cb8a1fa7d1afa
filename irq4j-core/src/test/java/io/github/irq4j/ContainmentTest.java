package io.github.irq4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.irq4j.spi.InProcessInterruptSource;
import io.github.irq4j.spi.InterruptSource;
import io.github.irq4j.spi.SignalHandler;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** SPEC 4.1: a failing source or framework thread is contained, reported and, per policy, restarted. */
class ContainmentTest {

    /** An in-process source whose next poll throws what {@link #failNextPoll} was given. */
    static final class FailingSource implements InterruptSource {
        final InProcessInterruptSource inner = new InProcessInterruptSource("failing-src", 2);
        private volatile Supplier<? extends Throwable> nextPollFailure;
        final AtomicInteger connects = new AtomicInteger();

        void failNextPoll(Supplier<? extends Throwable> failure) {
            nextPollFailure = failure;
            inner.wakeup();
        }

        @Override public String name() { return inner.name(); }
        @Override public int messageCount() { return inner.messageCount(); }
        @Override public void connect() { connects.incrementAndGet(); inner.connect(); }
        @Override public void await(long timeoutNanos) { inner.await(timeoutNanos); }
        @Override public void wakeup() { inner.wakeup(); }
        @Override public void mask(int message) { inner.mask(message); }
        @Override public void unmask(int message) { inner.unmask(message); }
        @Override public void acknowledge(int message, boolean claimed) { inner.acknowledge(message, claimed); }
        @Override public void disconnect() { inner.disconnect(); }

        @Override
        public int poll(SignalHandler handler) throws IOException {
            Supplier<? extends Throwable> f = nextPollFailure;
            if (f != null) {
                nextPollFailure = null;
                Throwable t = f.get();
                if (t instanceof RuntimeException r) {
                    throw r;
                }
                if (t instanceof Error e) {
                    throw e;
                }
                throw (IOException) t;
            }
            return inner.poll(handler);
        }
    }

    private static Device startOn(Host host, FailingSource source, AtomicInteger isrRuns) {
        Device device = host.addDevice("dev", d -> d.createInterrupt(InterruptConfig.builder((i, m) -> {
            isrRuns.incrementAndGet();
            return true;
        }).name("irq-a").build()), List.of(InterruptResource.line("irq0", source, 0, InterruptMode.LATCHED)));
        host.start(device);
        return device;
    }

    @Test
    void aSourceWhosePollThrowsIsAFaultAndTheDeviceIsRestarted() {
        FailingSource source = new FailingSource();
        AtomicInteger isrRuns = new AtomicInteger();
        try (Host host = Host.builder().restartPolicy(new RestartPolicy(true, 1)).build()) {
            Device device = startOn(host, source, isrRuns);
            source.inner.fire(0);
            Rig.await("the first interrupt", () -> isrRuns.get() == 1);

            source.failNextPoll(() -> new IllegalStateException("device register read back 0xffffffff"));
            Rig.await("the source failure reported",
                    () -> host.faults().stream().anyMatch(f -> f.kind() == Fault.Kind.SOURCE_FAILED));
            Fault f = host.faults().stream().filter(x -> x.kind() == Fault.Kind.SOURCE_FAILED).findFirst().orElseThrow();
            assertThat(f.device()).isEqualTo("dev");
            assertThat(f.message()).contains("failing-src").contains("irq-a").contains("0xffffffff");
            assertThat(f.cause()).isInstanceOf(IllegalStateException.class);

            // Restarted: the source is connected again and interrupts arrive again.
            Rig.await("the restart", () -> host.faults().stream().anyMatch(x -> x.kind() == Fault.Kind.RESTART)
                    && device.state() == DeviceState.STARTED && source.connects.get() == 2);
            source.inner.fire(0);
            Rig.await("an interrupt after the restart", () -> isrRuns.get() == 2);
        }
    }

    @Test
    void aSourceFailureFailsTheDeviceEvenWhenThePolicyKeepsDevicesOnFaults() {
        FailingSource source = new FailingSource();
        AtomicInteger isrRuns = new AtomicInteger();
        try (Host host = Host.builder().restartPolicy(new RestartPolicy(false, 0)).build()) {
            Device device = startOn(host, source, isrRuns);
            source.failNextPoll(() -> new StackOverflowError("deep"));
            Rig.await("the device failed", () -> device.state() == DeviceState.FAILED);
            assertThat(host.faults()).anySatisfy(f -> {
                assertThat(f.kind()).isEqualTo(Fault.Kind.SOURCE_FAILED);
                assertThat(f.cause()).isInstanceOf(StackOverflowError.class);
            });
            // Started again by hand, it gets interrupts again.
            host.start(device);
            source.inner.fire(0);
            Rig.await("an interrupt after start", () -> isrRuns.get() == 1);
        }
    }

    @Test
    void anErrorEscapingAWorkerIsReportedAndTheWorkerGoesOn() {
        AtomicInteger dpcRuns = new AtomicInteger();
        AtomicInteger isrRuns = new AtomicInteger();
        try (Rig rig = new Rig(Host.builder().restartPolicy(new RestartPolicy(false, 0)), 4)) {
            rig.startOne(InterruptConfig.builder((i, m) -> {
                isrRuns.incrementAndGet();
                i.queueDpcForIsr();
                return true;
            }).name("irq-b").dpc((i, o) -> {
                if (dpcRuns.incrementAndGet() == 1) {
                    throw new OutOfMemoryError("simulated");
                }
            }));
            rig.source.fire(0);
            Rig.await("the first DPC", () -> dpcRuns.get() == 1);
            rig.source.fire(0);
            // The one DPC thread survived the error: the next DPC runs.
            Rig.await("the second DPC", () -> dpcRuns.get() == 2);
            assertThat(rig.host.faults()).anySatisfy(f -> assertThat(f.cause()).isInstanceOf(OutOfMemoryError.class));
        }
    }
}
