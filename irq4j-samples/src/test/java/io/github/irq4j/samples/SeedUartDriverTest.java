package io.github.irq4j.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.irq4j.Completion;
import io.github.irq4j.Device;
import io.github.irq4j.Host;
import io.github.irq4j.IoQueue;
import io.github.irq4j.PendingRequest;
import io.github.irq4j.RequestStatus;
import io.github.irq4j.sim.UartDevice;
import io.github.irq4j.sim.UartTraffic;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The WdfInterruptTryToAcquireLock driver, both variants, on the simulated UART with real threads; SeedUartDriverExplorationTest explores their interleavings. */
class SeedUartDriverTest {

    private static final int READS = 64;
    private static final int READ_LENGTH = 16;

    static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = UartTraffic.patternByte(i);
        }
        return b;
    }

    /** Submits all reads, then feeds the bytes in small bursts while the reads are outstanding. */
    private static List<Completion> run(SeedUartDriver driver) throws Exception {
        byte[] all = pattern(READS * READ_LENGTH);
        try (UartDevice dev = UartDevice.create("uart-test", 1, 4096, 0); Host host = Host.builder().build()) {
            Device device = host.addDevice(dev.name(), driver, dev.resources());
            host.start(device);
            IoQueue queue = device.defaultQueue().orElseThrow();
            List<PendingRequest> sent = new ArrayList<>();
            for (int r = 0; r < READS; r++) {
                sent.add(queue.submitRead(READ_LENGTH));
            }
            // interrupts arrive while reads are in EvtIoRead, in the work items, and waiting
            Thread feeder = new Thread(() -> {
                for (int off = 0; off < all.length; off += 7) {
                    dev.uart().feed(all, off, Math.min(7, all.length - off));
                    Thread.yield();
                }
            }, "feeder");
            feeder.start();
            List<Completion> done = new ArrayList<>();
            for (PendingRequest p : sent) {
                done.add(p.completion().get(30, TimeUnit.SECONDS));
            }
            feeder.join();
            host.stop(device);
            assertThat(dev.uart().dropped()).as("FIFO overruns").isZero();
            assertThat(driver.ringOverruns()).as("ring overruns").isZero();
            assertThat(host.violations()).as("verifier findings").isEmpty();
            assertThat(host.faults()).as("faults").isEmpty();
            assertThat(driver.completedReads()).isEqualTo(READS);
            return done;
        }
    }

    @Test
    void sequentialQueueCompletesEveryReadInOrderWithTheRightBytes() throws Exception {
        List<Completion> done = run(new SequentialUartDriver());
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (Completion c : done) {
            assertThat(c.status()).isEqualTo(RequestStatus.SUCCESS);
            assertThat(c.information()).isEqualTo(READ_LENGTH);
            joined.writeBytes(c.data());
        }
        assertThat(joined.toByteArray()).as("reads in submission order = the received stream").isEqualTo(pattern(READS * READ_LENGTH));
    }

    @Test
    void parallelQueueWithManualQueueLosesAndDuplicatesNothing() throws Exception {
        List<Completion> done = run(new ParallelUartDriver());
        int[] seen = new int[256];
        int total = 0;
        for (Completion c : done) {
            assertThat(c.status()).isEqualTo(RequestStatus.SUCCESS);
            assertThat(c.information()).isEqualTo(READ_LENGTH);
            for (byte b : c.data()) {
                seen[b & 0xFF]++;
                total++;
            }
        }
        assertThat(total).isEqualTo(READS * READ_LENGTH);
        // the pattern holds each byte value READS * READ_LENGTH / 256 times
        for (int v = 0; v < 256; v++) {
            assertThat(seen[v]).as("occurrences of byte %d", v).isEqualTo(READS * READ_LENGTH / 256);
        }
    }

    @Test
    void stoppingTheDeviceCancelsTheReadsTheDriverHolds() throws Exception {
        for (Supplier<SeedUartDriver> make : List.<Supplier<SeedUartDriver>>of(SequentialUartDriver::new, ParallelUartDriver::new)) {
            SeedUartDriver driver = make.get();
            try (UartDevice dev = UartDevice.create("uart-stop", 1, 64, 0); Host host = Host.builder().build()) {
                Device device = host.addDevice(dev.name(), driver, dev.resources());
                host.start(device);
                PendingRequest waiting = device.defaultQueue().orElseThrow().submitRead(4);
                dev.uart().feed(new byte[] {1, 2});
                host.stop(device);
                assertThat(waiting.completion().get(30, TimeUnit.SECONDS).status()).isEqualTo(RequestStatus.CANCELLED);
                assertThat(host.violations()).isEmpty();
                assertThat(host.faults()).isEmpty();
            }
        }
    }
}
