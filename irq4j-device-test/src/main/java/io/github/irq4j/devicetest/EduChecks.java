package io.github.irq4j.devicetest;

import static io.github.irq4j.devicetest.Expect.equal;
import static io.github.irq4j.devicetest.Expect.isTrue;
import static io.github.irq4j.devicetest.Expect.within;

import io.github.irq4j.Completion;
import io.github.irq4j.Device;
import io.github.irq4j.DeviceState;
import io.github.irq4j.Host;
import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptStatistics;
import io.github.irq4j.IoQueue;
import io.github.irq4j.PendingRequest;
import io.github.irq4j.RequestStatus;
import io.github.irq4j.VerifierMode;
import io.github.irq4j.samples.EduDriver;
import io.github.irq4j.samples.EduRegisters;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The checks of one edu device over one transport, in order, on one {@link Host} with the runtime
 * verifier in {@code THROW} mode: start (identification and liveness), a factorial burst, every
 * interrupt counted once (driver, irq4j, kernel), the doorbell latency, a status bit the driver
 * does not own, disable/enable in the middle of traffic, DMA (VFIO) or its refusal (UIO), stop
 * with requests in flight, and a silent verifier.
 */
final class EduChecks {

    /** A status bit the driver does not own: what another device on the line would raise. */
    static final int FOREIGN_BIT = 0x4000;
    static final int BURST = 64;
    static final int PINGS = 200;
    private static final int WAIT_S = Integer.getInteger("irq4j.deviceTest.waitSeconds", 60);

    private final Suite suite;
    private final EduTarget target;
    private final PrintStream out;
    private final Random random = new Random(9);

    private Host host;
    private Device device;
    private EduDriver driver;
    private IoQueue queue;
    private Interrupt interrupt;

    EduChecks(Suite suite, EduTarget target, PrintStream out) {
        this.suite = suite;
        this.target = target;
        this.out = out;
    }

    void run() {
        try (Host h = Host.builder().verifierMode(VerifierMode.THROW).build()) {
            host = h;
            driver = new EduDriver(target.dma());
            if (!check("prepare-hardware: identification and liveness, device started", this::start)) {
                return;   // nothing else can run without a started device
            }
            check("factorial burst of " + BURST + ": every request completes with n!", () -> factorials(BURST));
            check("every interrupt counted exactly once: driver, irq4j and kernel agree", this::countedOnce);
            check("doorbell: " + PINGS + " raises, each claimed once; raise-to-ISR latency", this::pings);
            check("a status bit the driver does not own is not claimed and counts as unclaimed", this::foreignBit);
            check("disable/enable in the middle of traffic loses no request", this::disableEnable);
            if (target.dma() != null) {
                check("DMA to the device and back (VFIO_IOMMU_MAP_DMA window): the bytes come back", this::dma);
            } else {
                check("DMA without an IOMMU window is refused with NOT_SUPPORTED", this::dmaRefused);
            }
            check("stop with requests in flight completes or cancels every one", this::stopInFlight);
            check("runtime verifier (THROW) silent, no driver faults", () -> {
                isTrue("violations: " + host.violations(), host.violations().isEmpty());
                isTrue("faults: " + host.faults(), host.faults().isEmpty());
            });
        }
    }

    private boolean diagnosed;

    private boolean check(String name, Suite.Check body) {
        boolean ok = suite.check(target.name(), name, body);
        if (!ok && !diagnosed) {
            diagnosed = true;
            diagnose();
        }
        return ok;
    }

    /** After the first failure: what the kernel and the device say, for the report. */
    private void diagnose() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/interrupts"))) {
                if (line.contains("vfio") || line.contains("uio") || line.contains("CPU0")) {
                    out.println("DIAG " + target.name() + " /proc/interrupts " + line.trim());
                }
            }
            if (interrupt != null) {
                out.println("DIAG " + target.name() + " " + interrupt.statistics());
            }
            out.printf("DIAG %s STATUS 0x%x INT_STATUS 0x%x%n", target.name(), target.bar0().read32(EduRegisters.STATUS),
                    target.bar0().read32(EduRegisters.INT_STATUS));
        } catch (Exception | Error e) {
            out.println("DIAG " + target.name() + " failed: " + e);
        }
    }

    private void start() {
        device = host.addDevice("edu-" + target.name().replace('/', '-'), driver, target.resources());
        host.start(device);
        equal("device state STARTED (0 = yes)", 0, device.state() == DeviceState.STARTED ? 0 : 1);
        isTrue("device version read from the identification register", driver.deviceVersion() != 0);
        queue = device.defaultQueue().orElseThrow();
        interrupt = device.interrupts().getFirst();
        out.printf("INFO %s edu version %x.%02x, interrupt %s%n", target.name(), driver.deviceVersion() >> 8,
                driver.deviceVersion() & 0xff, interrupt.getInfo());
    }

    static int factorial(int n) {
        int f = 1;
        for (int k = 2; k <= n; k++) {
            f *= k;
        }
        return f;
    }

    private PendingRequest submitFactorial(int n) {
        return queue.submitDeviceControl(EduDriver.IOCTL_FACTORIAL, ByteBuffer.allocate(4).putInt(n).array(), 4);
    }

    private void factorials(int count) throws Exception {
        List<PendingRequest> pending = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            pending.add(submitFactorial(k % (EduDriver.MAX_FACTORIAL_N + 1)));
        }
        for (int k = 0; k < count; k++) {
            Completion c = pending.get(k).completion().get(WAIT_S, TimeUnit.SECONDS);
            equal("request " + k + " status SUCCESS (0)", 0, c.status().ntstatus());
            int n = k % (EduDriver.MAX_FACTORIAL_N + 1);
            equal(n + "!", factorial(n), ByteBuffer.wrap(c.data()).getInt());
        }
    }

    private long[] counters() {
        InterruptStatistics s = interrupt.statistics();
        return new long[] {driver.raisesRequested(), driver.factorialInterrupts() + driver.pingInterrupts() + driver.dmaInterrupts(),
            s.claimed(), s.isrCalls(), s.signals() + s.coalesced(), target.kernelCount().getAsLong(), s.lost()};
    }

    private void countedOnce() throws Exception {
        long[] before = counters();
        factorials(BURST);
        // the DPC may complete the last request before the dispatch thread has counted its claim
        within(WAIT_S, BURST + " claims counted", () -> interrupt.statistics().claimed() - before[2] >= BURST,
                () -> interrupt.statistics().toString());
        long[] after = counters();
        long[] d = new long[before.length];
        for (int k = 0; k < d.length; k++) {
            d[k] = after[k] - before[k];
        }
        out.printf("INFO %s over %d factorials: raises requested %d, driver ISR bits %d, irq4j claimed %d, ISR calls %d,"
                + " source edges %d, kernel %d, lost %d%n", target.name(), BURST, d[0], d[1], d[2], d[3], d[4], d[5], d[6]);
        equal("raises the driver requested", BURST, d[0]);
        equal("interrupts the driver's ISR found its bit in", BURST, d[1]);
        equal("InterruptStatistics.claimed", BURST, d[2]);
        equal("InterruptStatistics.isrCalls (no spurious call)", BURST, d[3]);
        equal("edges the source read (signals + coalesced)", BURST, d[4]);
        checkKernelCount(BURST, d[5]);
    }

    /**
     * The kernel's own count against the interrupts raised. UIO's event count and the MSI row of
     * {@code /proc/interrupts} count each interrupt. For VFIO INTx the row counts hardware
     * interrupts only: when user space unmasks while the device already asserts the next one,
     * vfio-pci signals the eventfd from the unmask ioctl without a new hardware interrupt, so
     * the row may count fewer (never more).
     */
    private void checkKernelCount(long raised, long kernel) {
        if (target.level() && target.source().getClass().getSimpleName().equals("VfioSource")) {
            isTrue("kernel hardware interrupts (" + kernel + ") <= interrupts raised (" + raised + ")", kernel <= raised && kernel > 0);
        } else {
            equal("kernel count (UIO event / /proc/interrupts)", raised, kernel);
        }
    }

    private void pings() throws Exception {
        long[] before = counters();
        long[] latencies = new long[PINGS];
        for (int k = 0; k < PINGS; k++) {
            Completion c = queue.submitDeviceControl(EduDriver.IOCTL_PING, new byte[0], 8).completion().get(WAIT_S, TimeUnit.SECONDS);
            equal("ping " + k + " status SUCCESS (0)", 0, c.status().ntstatus());
            latencies[k] = ByteBuffer.wrap(c.data()).getLong();
            isTrue("latency positive", latencies[k] > 0);
        }
        within(WAIT_S, PINGS + " claims counted", () -> interrupt.statistics().claimed() - before[2] >= PINGS,
                () -> interrupt.statistics().toString());
        long[] after = counters();
        equal("doorbell interrupts claimed", PINGS, after[2] - before[2]);
        checkKernelCount(PINGS, after[5] - before[5]);
        Arrays.sort(latencies);
        out.printf("LATENCY %s raise-to-ISR (TCG-emulated) n=%d p50=%d us p90=%d us p99=%d us max=%d us%n", target.name(), PINGS,
                latencies[PINGS / 2] / 1000, latencies[PINGS * 9 / 10] / 1000, latencies[PINGS * 99 / 100] / 1000,
                latencies[PINGS - 1] / 1000);
    }

    private void foreignBit() throws Exception {
        InterruptStatistics s0 = interrupt.statistics();
        long notOwned0 = driver.notOwnedStatus();
        target.bar0().write32(EduRegisters.INT_RAISE, FOREIGN_BIT);
        within(WAIT_S, "the ISR saw the foreign bit", () -> driver.notOwnedStatus() > notOwned0,
                () -> "statistics " + interrupt.statistics());
        InterruptStatistics s1 = interrupt.statistics();
        equal("claimed while only the foreign bit was up", s0.claimed(), s1.claimed());
        isTrue("unclaimed ISR calls counted (isrCalls - claimed grew): " + s0 + " -> " + s1,
                s1.isrCalls() - s1.claimed() > s0.isrCalls() - s0.claimed());
        isTrue("the foreign bit is still up (the driver did not acknowledge it)",
                (target.bar0().read32(EduRegisters.INT_STATUS) & FOREIGN_BIT) != 0);
        // The bit's owner (the other driver on the shared line) acknowledges it.
        target.bar0().write32(EduRegisters.INT_ACK, FOREIGN_BIT);
        if (target.level()) {
            target.source().unmask(0);   // UIO and VFIO keep an unclaimed INTx disabled until then
        }
        out.printf("INFO %s foreign bit: %d unclaimed ISR calls until its owner acknowledged it%n", target.name(),
                interrupt.statistics().isrCalls() - interrupt.statistics().claimed() - (s0.isrCalls() - s0.claimed()));
        factorials(8);   // the line works again
    }

    private void disableEnable() throws Exception {
        int total = 40;
        List<PendingRequest> pending = new ArrayList<>();
        for (int k = 0; k < total; k++) {
            pending.add(submitFactorial(k % (EduDriver.MAX_FACTORIAL_N + 1)));
        }
        within(WAIT_S, "10 requests completed", () -> done(pending) >= 10, () -> done(pending) + " done");
        driver.disableInterrupt();
        int whileDisabled = done(pending);
        // The request in flight finishes on the device; its interrupt must wait for enable().
        within(WAIT_S, "the device finished the factorial in flight",
                () -> (target.bar0().read32(EduRegisters.STATUS) & EduRegisters.STATUS_COMPUTING) == 0, () -> "computing");
        equal("completions while disabled", whileDisabled, done(pending));
        driver.enableInterrupt();
        for (int k = 0; k < total; k++) {
            Completion c = pending.get(k).completion().get(WAIT_S, TimeUnit.SECONDS);
            equal("request " + k + " status SUCCESS (0)", 0, c.status().ntstatus());
            int n = k % (EduDriver.MAX_FACTORIAL_N + 1);
            equal(n + "!", factorial(n), ByteBuffer.wrap(c.data()).getInt());
        }
        out.printf("INFO %s disabled after %d of %d completions, all %d completed after enable%n", target.name(), whileDisabled,
                total, total);
    }

    private static int done(List<PendingRequest> pending) {
        int n = 0;
        for (PendingRequest p : pending) {
            if (p.completion().isDone()) {
                n++;
            }
        }
        return n;
    }

    private void dma() throws Exception {
        long dma0 = driver.dmaInterrupts();
        int[] sizes = {1, 100, EduDriver.MAX_DMA_LENGTH};
        for (int size : sizes) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            Completion c = queue.submitDeviceControl(EduDriver.IOCTL_DMA_ROUND_TRIP, data, size).completion()
                    .get(WAIT_S, TimeUnit.SECONDS);
            equal("DMA of " + size + " bytes status SUCCESS (0)", 0, c.status().ntstatus());
            equal("bytes back", size, c.information());
            isTrue("the " + size + " bytes that came back equal the bytes sent", Arrays.equals(data, c.data()));
        }
        equal("DMA interrupts (two per round trip)", 2L * sizes.length, driver.dmaInterrupts() - dma0);
    }

    private void dmaRefused() throws Exception {
        Completion c = queue.submitDeviceControl(EduDriver.IOCTL_DMA_ROUND_TRIP, new byte[16], 16).completion()
                .get(WAIT_S, TimeUnit.SECONDS);
        equal("status NOT_SUPPORTED", RequestStatus.NOT_SUPPORTED.ntstatus(), c.status().ntstatus());
    }

    private void stopInFlight() throws Exception {
        int total = 30;
        List<PendingRequest> pending = new ArrayList<>();
        for (int k = 0; k < total; k++) {
            pending.add(submitFactorial(k % (EduDriver.MAX_FACTORIAL_N + 1)));
        }
        within(WAIT_S, "3 requests completed", () -> done(pending) >= 3, () -> done(pending) + " done");
        host.stop(device);
        int succeeded = 0;
        int cancelled = 0;
        for (int k = 0; k < total; k++) {
            Completion c = pending.get(k).completion().get(WAIT_S, TimeUnit.SECONDS);
            if (c.status() == RequestStatus.SUCCESS) {
                int n = k % (EduDriver.MAX_FACTORIAL_N + 1);
                equal(n + "!", factorial(n), ByteBuffer.wrap(c.data()).getInt());
                succeeded++;
            } else {
                equal("request " + k + " CANCELLED if not SUCCESS", RequestStatus.CANCELLED.ntstatus(), c.status().ntstatus());
                cancelled++;
            }
        }
        equal("every request ended", total, succeeded + cancelled);
        isTrue("some requests were still in flight at stop", cancelled > 0);
        out.printf("INFO %s stop with %d in flight: %d completed, %d cancelled%n", target.name(), total, succeeded, cancelled);
    }
}
