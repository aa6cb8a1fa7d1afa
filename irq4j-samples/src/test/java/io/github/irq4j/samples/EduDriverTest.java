package io.github.irq4j.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.irq4j.Completion;
import io.github.irq4j.Device;
import io.github.irq4j.Host;
import io.github.irq4j.InterruptStatistics;
import io.github.irq4j.IoQueue;
import io.github.irq4j.MemoryResource;
import io.github.irq4j.PendingRequest;
import io.github.irq4j.RequestStatus;
import io.github.irq4j.VerifierMode;
import io.github.irq4j.sim.EduDevice;
import io.github.irq4j.sim.Explorer;
import io.github.irq4j.sim.LineMode;
import io.github.irq4j.sim.SimEdu;
import io.github.irq4j.sim.SimInterruptController;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** EduDriver on the simulator's edu model (INTx and MSI): the same checks as in the QEMU guest, and the explorer. */
class EduDriverTest {

    private static final long DMA_ADDRESS = 0x10_0000;

    private static int factorial(int n) {
        int f = 1;
        for (int k = 2; k <= n; k++) {
            f *= k;
        }
        return f;
    }

    private static PendingRequest submitFactorial(IoQueue q, int n) {
        return q.submitDeviceControl(EduDriver.IOCTL_FACTORIAL, ByteBuffer.allocate(4).putInt(n).array(), 4);
    }

    private static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " within 30 s").isLessThan(deadline);
            LockSupport.parkNanos(200_000);
        }
    }

    private static void assertFactorials(List<PendingRequest> pending) throws Exception {
        for (int k = 0; k < pending.size(); k++) {
            Completion c = pending.get(k).completion().get(30, TimeUnit.SECONDS);
            assertThat(c.status()).as("request %d", k).isEqualTo(RequestStatus.SUCCESS);
            assertThat(ByteBuffer.wrap(c.data()).getInt()).isEqualTo(factorial(k % 13));
        }
    }

    private static List<PendingRequest> burst(IoQueue q, int n) {
        List<PendingRequest> pending = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            pending.add(submitFactorial(q, k % 13));
        }
        return pending;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void everyRequestCompletesAndEveryInterruptIsCountedOnce(boolean msi) throws Exception {
        try (Arena arena = Arena.ofShared()) {   // the driver's queue callbacks and DPC touch it
            MemorySegment window = arena.allocate(8192, 4096);
            try (EduDevice dev = EduDevice.create("edu-test", msi, window, DMA_ADDRESS);
                 Host host = Host.builder().verifierMode(VerifierMode.THROW).build()) {
                EduDriver driver = new EduDriver(new EduDmaWindow(window, DMA_ADDRESS));
                Device device = host.addDevice(dev.name(), driver, dev.resources());
                host.start(device);
                dev.startTraffic();
                IoQueue q = device.defaultQueue().orElseThrow();
                assertThat(driver.deviceVersion()).isEqualTo(0x0100);

                assertFactorials(burst(q, 40));
                // the DPC may complete the last request before the dispatch thread has counted its claim
                awaitTrue("40 claims counted", () -> device.interrupts().getFirst().statistics().claimed() >= 40);
                InterruptStatistics s = device.interrupts().getFirst().statistics();
                assertThat(dev.edu().raises()).isEqualTo(40);
                assertThat(driver.raisesRequested()).isEqualTo(40);
                assertThat(driver.factorialInterrupts()).isEqualTo(40);
                assertThat(s.claimed()).isEqualTo(40);
                assertThat(s.isrCalls()).isEqualTo(40);
                assertThat(s.signals() + s.coalesced()).isEqualTo(40);

                byte[] data = new byte[300];
                new Random(9).nextBytes(data);
                Completion dma = q.submitDeviceControl(EduDriver.IOCTL_DMA_ROUND_TRIP, data, data.length).completion()
                        .get(30, TimeUnit.SECONDS);
                assertThat(dma.status()).isEqualTo(RequestStatus.SUCCESS);
                assertThat(dma.data()).isEqualTo(data);
                assertThat(driver.dmaInterrupts()).isEqualTo(2);
                assertThat(dev.edu().dmaErrors()).isZero();

                Completion ping = q.submitDeviceControl(EduDriver.IOCTL_PING, new byte[0], 8).completion().get(30, TimeUnit.SECONDS);
                assertThat(ping.status()).isEqualTo(RequestStatus.SUCCESS);
                assertThat(ByteBuffer.wrap(ping.data()).getLong()).isPositive();

                Completion tooBig = submitFactorial(q, 13).completion().get(30, TimeUnit.SECONDS);
                assertThat(tooBig.status()).isEqualTo(RequestStatus.INVALID_PARAMETER);
                host.stop(device);
                assertThat(host.violations()).isEmpty();
                assertThat(host.faults()).isEmpty();
            }
        }
    }

    /** A read (what {@code ./irq4j run} sends) rings the doorbell and returns as many bytes of its latency as it asked for, at most 8. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aReadRingsTheDoorbellAndReturnsItsLatency(boolean msi) throws Exception {
        try (EduDevice dev = EduDevice.create("edu-read", msi, null, 0);
             Host host = Host.builder().verifierMode(VerifierMode.THROW).build()) {
            EduDriver driver = new EduDriver();
            Device device = host.addDevice(dev.name(), driver, dev.resources());
            host.start(device);
            dev.startTraffic();
            IoQueue q = device.defaultQueue().orElseThrow();
            Completion one = q.submitRead(1).completion().get(30, TimeUnit.SECONDS);
            Completion big = q.submitRead(64).completion().get(30, TimeUnit.SECONDS);
            assertThat(one.status()).isEqualTo(RequestStatus.SUCCESS);
            assertThat(one.information()).isEqualTo(1);
            assertThat(big.status()).isEqualTo(RequestStatus.SUCCESS);
            assertThat(big.information()).isEqualTo(8);
            assertThat(ByteBuffer.wrap(big.data(), 0, 8).getLong()).as("raise-to-ISR ns").isPositive();
            assertThat(driver.pingInterrupts()).isEqualTo(2);
            host.stop(device);
            assertThat(device.interrupts().getFirst().statistics().claimed()).isEqualTo(2);
            assertThat(host.violations()).isEmpty();
        }
    }

    /**
     * On MSI: the unclaimed message is one ISR call. (On a level line nobody acknowledges the
     * foreign bit, so the simulated line re-signals until its owner does; the guest tests cover INTx,
     * where UIO and VFIO keep an unclaimed line masked.)
     */
    @Test
    void aStatusBitTheDriverDoesNotOwnIsNotClaimed() throws Exception {
        try (EduDevice dev = EduDevice.create("edu-foreign", true, null, 0);
             Host host = Host.builder().verifierMode(VerifierMode.THROW).build()) {
            EduDriver driver = new EduDriver();
            Device device = host.addDevice(dev.name(), driver, dev.resources());
            host.start(device);
            dev.startTraffic();
            var regs = ((MemoryResource) dev.resources().get(1)).registers();
            regs.write32(EduRegisters.INT_RAISE, 0x4000);
            awaitTrue("the ISR saw the foreign bit", () -> driver.notOwnedStatus() > 0);
            InterruptStatistics s = device.interrupts().getFirst().statistics();
            assertThat(s.claimed()).isZero();
            assertThat(s.isrCalls()).isEqualTo(1);
            assertThat(regs.read32(EduRegisters.INT_STATUS) & 0x4000).as("left for its owner").isEqualTo(0x4000);
            regs.write32(EduRegisters.INT_ACK, 0x4000);   // its owner acknowledges it
            assertFactorials(burst(device.defaultQueue().orElseThrow(), 5));
            Completion dma = device.defaultQueue().orElseThrow().submitDeviceControl(EduDriver.IOCTL_DMA_ROUND_TRIP, new byte[4], 4)
                    .completion().get(30, TimeUnit.SECONDS);
            assertThat(dma.status()).as("no DMA window").isEqualTo(RequestStatus.NOT_SUPPORTED);
            host.stop(device);
            assertThat(host.violations()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void disableEnableMidTrafficLosesNothingAndStopEndsEveryRequest(boolean msi) throws Exception {
        try (EduDevice dev = EduDevice.create("edu-cycle", msi, null, 0);
             Host host = Host.builder().verifierMode(VerifierMode.THROW).build()) {
            EduDriver driver = new EduDriver();
            Device device = host.addDevice(dev.name(), driver, dev.resources());
            host.start(device);
            dev.startTraffic();
            IoQueue q = device.defaultQueue().orElseThrow();
            List<PendingRequest> pending = burst(q, 30);
            awaitTrue("5 done", () -> pending.stream().filter(p -> p.completion().isDone()).count() >= 5);
            driver.disableInterrupt();
            long whileDisabled = pending.stream().filter(p -> p.completion().isDone()).count();
            var regs = ((MemoryResource) dev.resources().get(1)).registers();
            awaitTrue("factorial in flight finished", () -> (regs.read32(EduRegisters.STATUS) & EduRegisters.STATUS_COMPUTING) == 0);
            assertThat(pending.stream().filter(p -> p.completion().isDone()).count()).isEqualTo(whileDisabled);
            driver.enableInterrupt();
            assertFactorials(pending);

            List<PendingRequest> inFlight = burst(q, 30);
            awaitTrue("2 done", () -> inFlight.stream().filter(p -> p.completion().isDone()).count() >= 2);
            host.stop(device);
            int cancelled = 0;
            for (int k = 0; k < inFlight.size(); k++) {
                Completion c = inFlight.get(k).completion().get(30, TimeUnit.SECONDS);
                if (c.status() == RequestStatus.CANCELLED) {
                    cancelled++;
                } else {
                    assertThat(c.status()).isEqualTo(RequestStatus.SUCCESS);
                    assertThat(ByteBuffer.wrap(c.data()).getInt()).isEqualTo(factorial(k % 13));
                }
            }
            assertThat(cancelled).as("requests still queued at stop").isPositive();
            assertThat(host.violations()).isEmpty();
            assertThat(host.faults()).isEmpty();
        }
    }

    @Test
    void theExplorerFindsNoFailingScheduleIn50Seeds() {
        Explorer.Scenario scenario = scheduler -> {
            SimInterruptController pic = new SimInterruptController("edu-pic", LineMode.LEVEL);
            SimEdu edu = new SimEdu("edu0", scheduler.simulation(), pic, 0, null, 0);
            EduDriver driver = new EduDriver();
            try (Host host = Host.builder().environment(scheduler).verifierMode(VerifierMode.THROW).build()) {
                Device device = host.addDevice("edu0", driver,
                        List.of(pic.resource("edu0.intx", 0), new MemoryResource("edu0.bar0", edu.registers())));
                host.start(device);
                IoQueue q = device.defaultQueue().orElseThrow();
                PendingRequest[] sent = new PendingRequest[6];   // the scheduler may run the scripts in another order
                for (int r = 0; r < 6; r++) {
                    int index = r;
                    scheduler.scriptAt(1_500L * r + 100, "factorial#" + r, () -> sent[index] = submitFactorial(q, index + 3));
                }
                List<PendingRequest> pings = new ArrayList<>();
                scheduler.scriptAt(4_000, "ping", () -> pings.add(q.submitDeviceControl(EduDriver.IOCTL_PING, new byte[0], 8)));
                scheduler.runUntilIdle();
                for (int r = 0; r < 6; r++) {
                    assertThat(sent[r]).as("factorial#%d submitted", r).isNotNull();
                    Completion c = sent[r].completion().join();
                    assertThat(c.status()).isEqualTo(RequestStatus.SUCCESS);
                    assertThat(ByteBuffer.wrap(c.data()).getInt()).isEqualTo(factorial(r + 3));
                }
                assertThat(pings.getFirst().completion().join().status()).isEqualTo(RequestStatus.SUCCESS);
                assertThat(device.interrupts().getFirst().statistics().claimed()).isEqualTo(7);
                assertThat(edu.raises()).isEqualTo(7);
                assertThat(driver.factorialInterrupts()).isEqualTo(6);
                host.stop(device);
                assertThat(host.violations()).isEmpty();
                assertThat(host.faults()).isEmpty();
            }
        };
        Explorer.Outcome failure = Explorer.explore(1, 50, scenario);
        assertThat(failure).as(failure == null ? "" : failure.report()).isNull();
    }
}
