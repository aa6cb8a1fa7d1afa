package io.github.irq4j.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.irq4j.Device;
import io.github.irq4j.Host;
import io.github.irq4j.InterruptResource;
import io.github.irq4j.InterruptStatistics;
import io.github.irq4j.Irql;
import io.github.irq4j.spi.ProvidedDevice;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The passive + work-item driver on a real kernel eventfd and timerfd, through a host. */
class EventFdWorkItemDriverTest {

    @ParameterizedTest
    @ValueSource(strings = {"timerfd:500us", "eventfd:rate=2000"})
    void everyEventIsProcessedByAWorkItem(String spec) throws Exception {
        EventFdWorkItemDriver driver = new EventFdWorkItemDriver();
        try (ProvidedDevice dev = LinuxDevices.open(spec); Host host = Host.builder().build()) {
            Device device = host.addDevice(dev.name(), driver, dev.resources());
            host.start(device);
            dev.startTraffic();
            LinuxDevices.await("20 work-item runs", () -> driver.workItemRuns() >= 20);
            assertThat(device.interrupts().getFirst().isPassive()).isTrue();
            assertThat(device.interrupts().getFirst().getInfo().irql()).isEqualTo(Irql.PASSIVE);
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
            assertThat(driver.isrCalls()).isEqualTo(s.isrCalls());
            assertThat(driver.processedEvents()).as("stop flushed the last work item").isEqualTo(s.isrCalls());
            assertThat(driver.largestBatch()).isPositive();
            assertThat(s.workItemRuns()).isEqualTo(driver.workItemRuns());
            assertThat(host.violations()).isEmpty();
            assertThat(host.faults()).isEmpty();
        }
    }
}
