package io.github.irq4j.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.irq4j.Device;
import io.github.irq4j.Host;
import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptConfig;
import io.github.irq4j.InterruptStatistics;
import io.github.irq4j.spi.DeviceProvider;
import io.github.irq4j.spi.ProvidedDevice;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@code --device eventfd:rate=N}: the built-in signaller, its syntax errors and its shutdown order. */
class EventFdRateTest {

    private static DeviceProvider eventfd() {
        return ServiceLoader.load(DeviceProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.scheme().equals("eventfd")).findFirst().orElseThrow();
    }

    private static boolean signallerAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("irq4j-eventfd-signaller") && t.isAlive());
    }

    @Test
    void rateAndPeriodSyntax() {
        assertThat(EventFdDeviceProvider.periodNanos("")).isZero();
        assertThat(EventFdDeviceProvider.periodNanos("rate=1000")).isEqualTo(1_000_000);
        assertThat(EventFdDeviceProvider.periodNanos("rate=1")).isEqualTo(1_000_000_000L);
        assertThat(EventFdDeviceProvider.periodNanos("250us")).isEqualTo(250_000);
        assertThatThrownBy(() -> EventFdDeviceProvider.periodNanos("rate=")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("eventfd: rate= has no value (expected: eventfd:rate=N, N signals a second, 1 to 1000000)");
        assertThatThrownBy(() -> EventFdDeviceProvider.periodNanos("rate=fast")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eventfd: rate 'fast' is not a whole number");
        assertThatThrownBy(() -> EventFdDeviceProvider.periodNanos("rate=0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eventfd: rate 0 is out of range (expected: 1 <= N <= 1000000");
        assertThatThrownBy(() -> EventFdDeviceProvider.periodNanos("rate=2000000")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rate 2000000 is out of range");
        assertThatThrownBy(() -> EventFdDeviceProvider.periodNanos("hz=10")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eventfd: unknown option 'hz=10' (expected: eventfd[:rate=N|:PERIOD]");
        assertThatThrownBy(() -> EventFdDeviceProvider.periodNanos("500ns")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eventfd: period '500ns' is below 1us");
        assertThatThrownBy(() -> EventFdDeviceProvider.periodNanos("soon")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'soon' is not a duration");
    }

    @Test
    void theSignallerDrivesTheInterruptAndIsJoinedBeforeTheEventFdCloses() throws Exception {
        long fdsBefore = EventFdSourceTest.openFds();
        AtomicReference<Interrupt> created = new AtomicReference<>();
        ProvidedDevice device = eventfd().open("rate=2000");
        try (Host host = Host.builder().build()) {
            Device d = host.addDevice("efd", dev -> created.set(dev.createInterrupt(
                    InterruptConfig.builder((i, m) -> true).build())), device.resources());
            host.start(d);
            assertThat(signallerAlive()).as("signaller before startTraffic").isFalse();
            device.startTraffic();
            Interrupt irq = created.get();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (irq.statistics().signals() + irq.statistics().coalesced() < 200) {
                assertThat(System.nanoTime()).as("200 signals within 30 s").isLessThan(deadline);
                Thread.sleep(5);
            }
            assertThatThrownBy(device::close).as("close while the device runs")
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("close() while connected");
            assertThat(signallerAlive()).as("the failed close stopped and joined the signaller").isFalse();
            host.stop(d);
            InterruptStatistics s = irq.statistics();
            assertThat(s.isrCalls()).isEqualTo(s.signals());
            device.close();                                      // after the stop: releases the eventfd
            device.close();
        }
        assertThat(signallerAlive()).isFalse();
        assertThat(EventFdSourceTest.openFds()).isEqualTo(fdsBefore);
    }

    @Test
    void sourcesOpensKEventFdsOneInterruptEachAllSignalledByOneThread() throws Exception {
        long fdsBefore = EventFdSourceTest.openFds();
        ProvidedDevice device = eventfd().open("rate=1000,sources=50");
        try (Host host = Host.builder().build()) {
            assertThat(device.resources()).hasSize(50);
            assertThat(device.resources().get(49).name()).isEqualTo("eventfd.irq49");
            Device d = host.addDevice("efd", dev -> {
                for (int k = 0; k < dev.resources().size(); k++) {
                    dev.createInterrupt(InterruptConfig.builder((i, m) -> true).name("irq" + k).build());
                }
            }, device.resources());
            host.start(d);
            device.startTraffic();
            assertThat(Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("irq4j-eventfd-signaller")))
                    .as("one signaller thread for the 50 sources").hasSize(1);
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!d.interrupts().stream().allMatch(i -> i.statistics().claimed() > 0)) {
                assertThat(System.nanoTime()).as("every source signalled within 60 s").isLessThan(deadline);
                Thread.sleep(1);
            }
            host.stop(d);
        } finally {
            device.close();
        }
        assertThat(signallerAlive()).isFalse();
        assertThat(EventFdSourceTest.openFds()).isEqualTo(fdsBefore);
        ProvidedDevice three = eventfd().open("sources=3");   // no signaller: only its K eventfds
        try {
            assertThat(three.resources()).hasSize(3);
            assertThat(EventFdSourceTest.openFds()).isEqualTo(fdsBefore + 3);
        } finally {
            three.close();
        }
    }

    @Test
    void sourcesSyntaxErrorsNameTheValue() {
        assertThatThrownBy(() -> eventfd().open("sources=0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("eventfd: sources 0 is out of range (expected: 1 <= K <= 10000)");
        assertThatThrownBy(() -> eventfd().open("rate=10,sources=many")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eventfd: sources 'many' is not a whole number");
        assertThatThrownBy(() -> eventfd().open("rate=10,colour=red")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eventfd: unknown option 'colour=red' in 'rate=10,colour=red'");
        assertThatThrownBy(() -> eventfd().open("sources=3,rate=10")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has options after sources=K");
        assertThatThrownBy(() -> eventfd().open("rate=0,sources=3")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eventfd: rate 0 is out of range");
    }
}
