package io.github.irq4j.samples;

import static io.github.irq4j.test.DriverAssertions.assertThat;
import static io.github.irq4j.test.DriverAssertions.assertThatRequests;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.irq4j.Device;
import io.github.irq4j.Interrupt;
import io.github.irq4j.IoQueue;
import io.github.irq4j.PendingRequest;
import io.github.irq4j.sim.SimTimer;
import io.github.irq4j.test.DriverTest;
import io.github.irq4j.test.Explore;
import io.github.irq4j.test.SimHost;
import io.github.irq4j.test.Timer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The spin-lock DPC driver's interleavings, explored with the driver test kit: the timer ticks every
 * 100 us of virtual time while status reads and a reprogramming write arrive on the I/O queue; the
 * seed picks when the ISR, the DPC and the I/O callbacks run, and whether the ISR runs at a register
 * access inside one of them. Whatever the order, every request succeeds, each status is consistent
 * (the hardware count the ISR read is at least the ticks it counted), nothing is lost and, after
 * stop, the last DPC's snapshot is the ISR's final count.
 */
@DriverTest
class SpinLockTimerDriverExplorationTest {

    static final int SEEDS = 50;

    @Explore(seeds = SEEDS)
    void statusReadsAndAReprogramRaceTheIsrAndDpcCleanly(SimHost host, @Timer(periodNs = 100_000) SimTimer timer) {
        SpinLockTimerDriver driver = new SpinLockTimerDriver();
        Device device = host.start(driver, timer);
        IoQueue queue = device.defaultQueue().orElseThrow();
        List<PendingRequest> reads = new ArrayList<>();
        List<PendingRequest> writes = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            host.scriptAt(150_000L + 200_000L * r, "status#" + r, () -> reads.add(queue.submitRead(SpinLockTimerDriver.STATUS_LENGTH)));
        }
        host.scriptAt(420_000, "program", () -> writes.add(queue.submitWrite(ByteBuffer.allocate(8).putLong(200_000).array())));
        host.runUntil(1_200_000);
        host.stop(device);

        assertThatRequests(reads).allSucceeded();
        assertThatRequests(writes).allSucceeded();
        Interrupt interrupt = device.interrupts().getFirst();
        // an ISR may find the status already acknowledged (an edge that came while the previous ISR ran,
        // whose bit that ISR cleared): it claims nothing, so the driver's ticks are the claimed calls
        long claimed = interrupt.statistics().claimed();
        assertThat(claimed).as("the timer ticked for 1.2 ms of virtual time").isGreaterThanOrEqualTo(3);
        for (PendingRequest read : reads) {
            ByteBuffer status = ByteBuffer.wrap(read.completion().join().data());
            long ticks = status.getLong();
            long count = status.getLong();
            assertThat(count).as("hardware count against ISR ticks in one status").isGreaterThanOrEqualTo(ticks);
            assertThat(ticks).as("ticks in a status against the final ISR count").isLessThanOrEqualTo(claimed);
        }
        assertThat(driver.programmedPeriodNs()).isEqualTo(200_000);
        assertThat(interrupt).hasDpcRuns(driver.dpcRuns()).lostNone();
        assertThat(driver.dpcSnapshotTicks()).as("the DPC requested by the last claiming ISR ran after it").isEqualTo(claimed);
        assertThat(timer.expirations()).isGreaterThanOrEqualTo(claimed);
        assertThat(host).hasNoViolations().hasNoFaults();
    }
}
