package io.github.irq4j.samples;

import static io.github.irq4j.test.DriverAssertions.assertThat;
import static io.github.irq4j.test.DriverAssertions.assertThatRequests;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.irq4j.Device;
import io.github.irq4j.IoQueue;
import io.github.irq4j.PendingRequest;
import io.github.irq4j.sim.SimUart;
import io.github.irq4j.test.DriverTest;
import io.github.irq4j.test.Exploration;
import io.github.irq4j.test.ExplorationFailure;
import io.github.irq4j.test.Explore;
import io.github.irq4j.test.SimHost;
import io.github.irq4j.test.Uart;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The WdfInterruptTryToAcquireLock driver's interleavings, explored with the driver test kit: four bursts of six bytes
 * arrive while six reads of four bytes are issued; the seed picks when the ISR, the work items, the
 * I/O callbacks and the reads run, and whether the ISR runs at a register access inside a read.
 */
@DriverTest
class SeedUartDriverExplorationTest {

    static final int SEEDS = 200;
    static final byte[] STREAM = SeedUartDriverTest.pattern(24);

    /** Starts {@code driver} on the UART, schedules the bursts and reads, runs until idle, stops. */
    static List<PendingRequest> readsDuringBursts(SimHost host, SimUart uart, SeedUartDriver driver) {
        Device device = host.start(driver, uart);
        for (int b = 0; b < 4; b++) {
            byte[] burst = new byte[6];
            System.arraycopy(STREAM, b * 6, burst, 0, 6);
            uart.feedAt(1_000L * (b + 1), burst);
        }
        IoQueue queue = device.defaultQueue().orElseThrow();
        List<PendingRequest> reads = new ArrayList<>();
        for (int r = 0; r < 6; r++) {
            host.scriptAt(700L * r + 300, "read#" + r, () -> reads.add(queue.submitRead(4)));
        }
        host.runUntilIdle();
        host.stop(device);
        return reads;
    }

    @Explore(seeds = SEEDS)
    void sequentialDriverDeliversTheStreamInOrder(SimHost host, @Uart(fifo = 64) SimUart uart) {
        List<PendingRequest> reads = readsDuringBursts(host, uart, new SequentialUartDriver());
        assertThatRequests(reads).allSucceeded().joinedDataIsEqualTo(STREAM);
        assertThat(host).hasNoViolations().hasNoFaults();
    }

    @Explore(seeds = SEEDS)
    void parallelDriverDeliversEveryByteExactlyOnce(SimHost host, @Uart(fifo = 64) SimUart uart) {
        List<PendingRequest> reads = readsDuringBursts(host, uart, new ParallelUartDriver());
        assertThatRequests(reads).allSucceeded().joinedDataHasSameBytesAs(STREAM);
        assertThat(host).hasNoViolations().hasNoFaults();
    }

    /** The body the broken variant fails: the same as the sequential driver's. */
    private static void brokenBody(SimHost host) {
        SimUart uart = host.uart("uart0", 64);
        List<PendingRequest> reads = readsDuringBursts(host, uart, new BrokenSequentialUartDriver());
        assertThatRequests(reads).allSucceeded().joinedDataIsEqualTo(STREAM);
    }

    @Test
    void theUnlockedFastPathIsCaughtAndItsSeedReplaysExactly() {
        Exploration.Result found = Exploration.explore(1, SEEDS, SeedUartDriverExplorationTest::brokenBody);
        assertThat(found.failed()).as("the unlocked fast path must be caught within %d seeds", SEEDS).isTrue();
        ExplorationFailure f = found.failure();
        assertThat(f.getCause()).isInstanceOf(AssertionError.class).hasMessageContaining("joined in order");
        assertThat(f.getMessage()).startsWith("seed " + found.lastSeed() + " failed")
                .contains("Exploration.replay(" + found.lastSeed() + "L, body)");
        assertThat(f.interleaving().preemptions()).as("the ISR ran inside the fast path, between its register reads")
                .anyMatch(p -> p.matches(".*during 'io-callback [^']*': at uart0\\.regs\\+0x(0|14) \\(read\\) ran isr .*"));

        Exploration.Result again = Exploration.replay(found.lastSeed(), SeedUartDriverExplorationTest::brokenBody);
        assertThat(again.failed()).isTrue();
        assertThat(again.interleaving()).as("the replay's schedule").isEqualTo(found.interleaving());
        assertThat(again.failure().getCause()).hasMessage(f.getCause().getMessage());
    }
}
