package io.github.irq4j.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.irq4j.Completion;
import io.github.irq4j.Device;
import io.github.irq4j.Host;
import io.github.irq4j.InterruptResource;
import io.github.irq4j.InterruptStatistics;
import io.github.irq4j.IoQueue;
import io.github.irq4j.Irql;
import io.github.irq4j.RequestStatus;
import io.github.irq4j.spi.ProvidedDevice;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The spin-lock + DPC driver on a real kernel timerfd and eventfd, through a host. */
class TimerFdDpcDriverTest {

    @ParameterizedTest
    @ValueSource(strings = {"timerfd:500us", "eventfd:rate=2000"})
    void ticksReachTheDpcAndTheReadUnderTheSpinLock(String spec) throws Exception {
        TimerFdDpcDriver driver = new TimerFdDpcDriver();
        AtomicLong probed = new AtomicLong();
        driver.setDeferredLatencyProbe(ns -> probed.incrementAndGet());
        try (ProvidedDevice dev = LinuxDevices.open(spec); Host host = Host.builder().build()) {
            Device device = host.addDevice(dev.name(), driver, dev.resources());
            host.start(device);
            dev.startTraffic();
            LinuxDevices.await("20 DPC runs", () -> driver.dpcRuns() >= 20);
            assertThat(device.interrupts().getFirst().getInfo().irql()).isEqualTo(Irql.dirql(0));

            IoQueue queue = device.defaultQueue().orElseThrow();
            Completion status = queue.submitRead(TimerFdDpcDriver.STATUS_LENGTH).completion().get(30, TimeUnit.SECONDS);
            assertThat(status.status()).isEqualTo(RequestStatus.SUCCESS);
            ByteBuffer b = ByteBuffer.wrap(status.data());
            long ticks = b.getLong();
            long dpcTicks = b.getLong();
            long dpcRuns = b.getLong();
            assertThat(ticks).isGreaterThanOrEqualTo(dpcTicks).isGreaterThanOrEqualTo(dpcRuns).isGreaterThanOrEqualTo(20);
            assertThat(queue.submitRead(8).completion().get(30, TimeUnit.SECONDS).status()).isEqualTo(RequestStatus.BUFFER_TOO_SMALL);

            host.stop(device);
            InterruptStatistics s = device.interrupts().getFirst().statistics();
            assertThat(s.claimed()).isEqualTo(s.isrCalls());
            // The device keeps signalling while it stops: a signal that comes after stop's last
            // delivery, while the interrupt is disabled and not yet disconnected, runs no ISR and is
            // counted in lost() (on top of what the source itself lost), never dropped silently.
            InterruptResource line = (InterruptResource) dev.resources().getFirst();
            long sourceLost = line.source().lostSignals(line.message());
            // A signal taken after the interrupt left its line, before the loop stopped, is counted
            // lost by the line (it is not visible apart from lost()): lost() beyond the source's own
            // is at least the signals that ran no ISR, and more by those.
            assertThat(s.lost() - sourceLost).isGreaterThanOrEqualTo(s.signals() - s.isrCalls());
            assertThat(driver.dpcSnapshotTicks()).as("the last DPC saw the last tick").isEqualTo(s.isrCalls());
            assertThat(s.dpcRuns()).isEqualTo(driver.dpcRuns()).isEqualTo(probed.get());
            assertThat(host.violations()).isEmpty();
            assertThat(host.faults()).isEmpty();
        }
    }
}
