package io.github.irq4j.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.irq4j.Completion;
import io.github.irq4j.Device;
import io.github.irq4j.Host;
import io.github.irq4j.IoQueue;
import io.github.irq4j.RequestStatus;
import io.github.irq4j.sim.TimerDevice;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The spin-lock driver on the simulated timer: ISR + DPC, reads and writes under the same lock. */
class SpinLockTimerDriverTest {

    @Test
    void isrDpcAndIoPathShareTheInterruptSpinLockCleanly() throws Exception {
        SpinLockTimerDriver driver = new SpinLockTimerDriver();
        try (TimerDevice dev = TimerDevice.create("timer-test", 200_000); Host host = Host.builder().build()) {
            Device device = host.addDevice(dev.name(), driver, dev.resources());
            host.start(device);
            dev.startTraffic();
            IoQueue queue = device.defaultQueue().orElseThrow();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (driver.dpcRuns() < 5) {
                assertThat(System.nanoTime()).as("5 DPC runs within 30 s").isLessThan(deadline);
                LockSupport.parkNanos(1_000_000);
            }
            Completion status = queue.submitRead(SpinLockTimerDriver.STATUS_LENGTH).completion().get(30, TimeUnit.SECONDS);
            assertThat(status.status()).isEqualTo(RequestStatus.SUCCESS);
            ByteBuffer b = ByteBuffer.wrap(status.data());
            long ticks = b.getLong();
            long count = b.getLong();
            assertThat(ticks).isPositive();
            assertThat(count).isGreaterThanOrEqualTo(ticks);

            Completion program = queue.submitWrite(ByteBuffer.allocate(8).putLong(300_000).array()).completion().get(30, TimeUnit.SECONDS);
            assertThat(program.status()).isEqualTo(RequestStatus.SUCCESS);
            Completion tooShort = queue.submitWrite(ByteBuffer.allocate(8).putLong(10).array()).completion().get(30, TimeUnit.SECONDS);
            assertThat(tooShort.status()).isEqualTo(RequestStatus.INVALID_PARAMETER);
            Completion small = queue.submitRead(4).completion().get(30, TimeUnit.SECONDS);
            assertThat(small.status()).isEqualTo(RequestStatus.BUFFER_TOO_SMALL);

            dev.close();
            host.stop(device);
            assertThat(driver.programmedPeriodNs()).isEqualTo(300_000);
            assertThat(driver.dpcSnapshotTicks()).isPositive();
            assertThat(dev.timer().expirations()).isGreaterThanOrEqualTo(driver.dpcSnapshotTicks());
            assertThat(device.interrupts().get(0).statistics().dpcRuns()).isEqualTo(driver.dpcRuns());
            assertThat(host.violations()).isEmpty();
            assertThat(host.faults()).isEmpty();
        }
    }
}
