package io.github.irq4j.samples;

import static io.github.irq4j.test.DriverAssertions.assertThat;
import static io.github.irq4j.test.DriverAssertions.assertThatRequests;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.irq4j.Device;
import io.github.irq4j.Fault;
import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptStatistics;
import io.github.irq4j.IoQueue;
import io.github.irq4j.PendingRequest;
import io.github.irq4j.sim.LineStatistics;
import io.github.irq4j.sim.SimTimer;
import io.github.irq4j.sim.SimUart;
import io.github.irq4j.test.DriverTest;
import io.github.irq4j.test.Explore;
import io.github.irq4j.test.SimHost;
import io.github.irq4j.test.Timer;
import io.github.irq4j.test.Uart;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The sample drivers on misbehaving hardware: the fault injection of the simulated models. */
@DriverTest
class SeedUartDriverFaultsTest {

    @Test
    void aSpuriousInterruptAloneIsNotClaimedAndCompletesNothing(SimHost host, @Uart(fifo = 64) SimUart uart) {
        SequentialUartDriver driver = new SequentialUartDriver();
        Device device = host.start(driver, uart);
        PendingRequest read = device.defaultQueue().orElseThrow().submitRead(4);
        uart.faults().spuriousInterruptAt(1_000);
        host.runUntilIdle();

        assertThat(uart.faults().spuriousInterrupts()).isEqualTo(1);
        assertThat(host.line("uart0")).hasSignals(1).hasUnclaimed(1).hasClaimed(0).isNotMasked();
        assertThat(device.interrupts().get(0)).hasIsrCalls(1).hasClaimed(0);
        assertThat(read).isPending();
        host.stop(device);
        assertThat(read).hasStatus(io.github.irq4j.RequestStatus.CANCELLED);
        assertThat(host).hasNoViolations().hasNoFaults();
    }

    @Explore(seeds = 100)
    void aSpuriousInterruptAmongRealOnesCostsNoByte(SimHost host, @Uart(fifo = 64) SimUart uart) {
        uart.faults().spuriousInterruptAt(200);
        List<PendingRequest> reads = SeedUartDriverExplorationTest.readsDuringBursts(host, uart, new SequentialUartDriver());

        assertThatRequests(reads).allSucceeded().joinedDataIsEqualTo(SeedUartDriverExplorationTest.STREAM);
        LineStatistics line = host.line("uart0");
        // the spurious signal is unclaimed unless real data arrived before the ISR ran
        assertThat(line.unclaimed()).isBetween(0L, 1L);
        assertThat(line.claimed() + line.unclaimed()).isEqualTo(line.signals());
        assertThat(host).hasNoViolations().hasNoFaults();
    }

    @Explore(seeds = 100)
    void slowFifoCountReadsLetBytesArriveInsideTheIsrAndLoseNothing(SimHost host, @Uart(fifo = 64) SimUart uart) {
        uart.faults().slowReads(SimUart.RX_COUNT, 700);
        List<PendingRequest> reads = SeedUartDriverExplorationTest.readsDuringBursts(host, uart, new SequentialUartDriver());

        assertThatRequests(reads).allSucceeded().joinedDataIsEqualTo(SeedUartDriverExplorationTest.STREAM);
        long rxCountReads = host.line("uart0").claimed(); // the ISR reads RX_COUNT once per claimed interrupt
        assertThat(host.simulation().clock().nanoTime()).as("each RX_COUNT read took 700 ns of virtual time")
                .isGreaterThanOrEqualTo(700 * rxCountReads);
        assertThat(host).hasNoViolations().hasNoFaults();
    }

    @Explore(seeds = 50)
    void aLostTimerEdgeIsAMissedTickThatTheCountRegisterStillShows(SimHost host, @Timer(periodNs = 100_000) SimTimer timer) {
        SpinLockTimerDriver driver = new SpinLockTimerDriver();
        Device device = host.start(driver, timer);   // onEnable starts the timer with its interrupt
        timer.faults().loseEdges(1);                  // the first expiration's edge never arrives
        IoQueue queue = device.defaultQueue().orElseThrow();
        AtomicReference<PendingRequest> status = new AtomicReference<>();
        host.scriptAt(1_050_000, "status", () -> status.set(queue.submitRead(SpinLockTimerDriver.STATUS_LENGTH)));
        host.runUntil(1_090_000);

        assertThat(timer.expirations()).isEqualTo(10);
        assertThat(timer.faults().edgesLost()).isEqualTo(1);
        assertThat(host.line("timer0")).hasEdges(9);
        Interrupt irq = device.interrupts().get(0);
        InterruptStatistics s = irq.statistics();
        assertThat(s.signals() + s.coalesced()).as("edges the driver was told of").isEqualTo(9);
        assertThat(status.get()).succeeded();
        ByteBuffer b = ByteBuffer.wrap(status.get().completion().join().data());
        long ticks = b.getLong();
        long count = b.getLong();
        // (ticks, count) is the state at the last ISR before the read: ISR calls, and COUNT as that ISR read it
        assertThat(ticks).as("ISR calls: at most the 9 edges that arrived").isBetween(0L, 9L);
        if (ticks > 0) {
            assertThat(count).as("COUNT is ahead of the ISR calls by at least the lost edge").isBetween(ticks + 1, 10L);
        }
        host.stop(device);
        assertThat(host).hasNoViolations().hasNoFaults();
    }

    /** A stuck line needs the framework's 100,000-interrupt "nobody cared" window: more steps than the default. */
    @Nested
    @DriverTest(maxSteps = 400_000)
    class StuckLine {

        @Test
        void aStuckLevelLineIsMaskedByTheNobodyCaredCheckAndReported(SimHost host, @Uart(fifo = 64) SimUart uart) {
            SequentialUartDriver driver = new SequentialUartDriver();
            Device device = host.start(driver, uart);
            uart.faults().stickLine(true);
            host.runUntilIdle();

            assertThat(host).hasFault(Fault.Kind.NOBODY_CARED);
            assertThat(host.line("uart0")).isMasked().hasClaimed(0);
            assertThat(host.line("uart0").unclaimed()).isGreaterThanOrEqualTo(99_900);
            assertThat(device.interrupts().get(0).statistics().claimed()).isZero();
        }
    }
}
