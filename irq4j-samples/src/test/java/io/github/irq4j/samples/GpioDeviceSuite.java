package io.github.irq4j.samples;

import io.github.irq4j.Device;
import io.github.irq4j.Host;
import io.github.irq4j.InterruptMode;
import io.github.irq4j.InterruptResource;
import io.github.irq4j.InterruptStatistics;
import io.github.irq4j.Violation;
import io.github.irq4j.linux.GpioDeviceProvider;
import io.github.irq4j.linux.GpioSource;
import io.github.irq4j.linux.NativeIoException;
import io.github.irq4j.spi.EdgeSource;
import io.github.irq4j.spi.ProvidedDevice;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The {@code gpio} suite of {@code ./irq4j device-test}, run as a program inside the QEMU guest
 * (as root, with gpio-sim loaded and configfs mounted): it creates a simulated chip through
 * configfs, requests its lines through {@link GpioSource} (rising, falling, both, debounce, and the
 * {@code gpio:} device provider), drives them by writing the simulated pull in sysfs, and checks
 * what irq4j delivers against what the kernel did. Prints {@code PASS name} or
 * {@code FAIL name: why} per test, {@code FIGURE ...} lines with what it measured, and last
 * {@code gpio: N passed, M failed}; exits 0 only if all passed.
 *
 * <p>Usage: {@code GpioDeviceSuite [test-name...]} (default: all).
 */
public final class GpioDeviceSuite {

    private static final int LINES = 16;
    private static final long WAIT_S = 30;

    private final GpioSimChip chip;
    private final List<Violation> violations = new ArrayList<>();
    private final List<String> faults = new ArrayList<>();
    private int passed;
    private int failed;

    private GpioDeviceSuite(GpioSimChip chip) {
        this.chip = chip;
    }

    /** A test body; throws {@link AssertionError} (or anything) to fail. */
    private interface Body {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        List<String> only = Arrays.asList(args);
        int failedCount;
        int passedCount;
        GpioSimChip created;
        try {
            created = GpioSimChip.create("irq4j-suite", LINES);
        } catch (Exception e) {
            System.out.println("FAIL create a gpio-sim chip through configfs: " + e);
            System.out.println("SUITE gpio 0 1");
            System.out.println("gpio: 0 passed, 1 failed");
            System.exit(1);
            return;
        }
        try (GpioSimChip chip = created) {
            GpioDeviceSuite suite = new GpioDeviceSuite(chip);
            System.out.println("INFO chip " + chip.device() + " (gpio-sim, " + LINES + " lines)");
            // First on every CPU the guest has: unpaced toggles, where the kernel may merge edges before
            // any event exists. Then on one CPU, where each toggle's event is made before the next toggle.
            suite.run(only, "isrAndWorkItemSeeTheKernelsEventsOnAllCpus", () -> suite.isrAndWorkItemSeeTheKernelsEdges(7, false));
            // On all CPUs too: the JIT's compiler threads need a CPU of their own to reach steady state soon.
            suite.run(only, "latencyAndAllocationPerEvent", suite::latencyAndAllocationPerEvent);
            try (CpuSet cpus = CpuSet.onlyCpu0()) {
                System.out.println("INFO the following tests run with CPUs " + cpus.online() + " online (" + cpus.offlined() + " taken offline)");
                suite.runOnOneCpu(only);
            }
            passedCount = suite.passed;
            failedCount = suite.failed;
        }
        System.out.println("SUITE gpio " + passedCount + " " + failedCount);
        System.out.println("gpio: " + passedCount + " passed, " + failedCount + " failed");
        System.exit(failedCount == 0 && passedCount > 0 ? 0 : 1);
    }

    private void runOnOneCpu(List<String> only) {
        GpioDeviceSuite suite = this;
        {
            suite.run(only, "edgesOnceInOrderWithKernelTimestamps", suite::edgesOnceInOrderWithKernelTimestamps);
            suite.run(only, "risingOnlyAndFallingOnly", suite::risingOnlyAndFallingOnly);
            suite.run(only, "burstWhileHeldIsCountedLostExactly", () -> suite.burstWhileHeld(3, 0, 100));
            suite.run(only, "burstWhileHeldWithLargerKernelBuffer", () -> suite.burstWhileHeld(4, 64, 100));
            suite.run(only, "debounceSuppressesShortPulses", suite::debounceSuppressesShortPulses);
            suite.run(only, "stopReleasesTheLineRequest", suite::stopReleasesTheLineRequest);
            suite.run(only, "isrAndWorkItemSeeTheKernelsEdgesOnOneCpu", () -> suite.isrAndWorkItemSeeTheKernelsEdges(11, true));
            suite.run(only, "quadratureEncoderOnGpioSim", suite::quadratureEncoderOnGpioSim);
            suite.run(only, "quadratureEncoderThroughTheLauncher", suite::quadratureEncoderThroughTheLauncher);
            suite.run(only, "runtimeVerifierSilent", suite::runtimeVerifierSilent);
        }
    }

    private void run(List<String> only, String name, Body body) {
        if (!only.isEmpty() && !only.contains(name)) {
            return;
        }
        long t0 = System.nanoTime();
        try {
            body.run();
            passed++;
            System.out.printf("PASS %s (%.1f s)%n", name, (System.nanoTime() - t0) / 1e9);
        } catch (Throwable t) {
            failed++;
            System.out.println("FAIL " + name + ": " + t);
            t.printStackTrace(System.out);
        }
    }

    // ---------------------------------------------------------------------------------------------

    /** Both edges, one toggle at a time: each edge once, in order, with a kernel timestamp in the window. */
    private void edgesOnceInOrderWithKernelTimestamps() throws Exception {
        int line = 0;
        int toggles = 40;
        GpioSource source = new GpioSource(chip.device(), new int[] {line}, GpioSource.BOTH, 0);
        EdgeRecorderDriver driver = new EdgeRecorderDriver();
        try (Host host = host()) {
            Device device = host.addDevice("gpio-order", driver, List.of(line(source)));
            host.start(device);
            long kernelBefore = chip.kernelInterrupts(line);
            long t0 = System.nanoTime();
            for (int k = 0; k < toggles; k++) {
                chip.set(line, k % 2 == 0);
                int expected = k + 1;
                await("edge " + expected + " delivered", () -> driver.recorded() >= expected);
            }
            long t1 = System.nanoTime();
            await("the work item took all edges", () -> driver.workItemEdges() == toggles);
            host.stop(device);
            collect(host);
            check(driver.recorded() == toggles, "edges delivered: " + driver.recorded() + " (expected " + toggles + ")");
            for (int k = 0; k < toggles; k++) {
                int want = k % 2 == 0 ? EdgeSource.RISING_EDGE : EdgeSource.FALLING_EDGE;
                check(driver.sequence[k] == k + 1, "edge " + k + ": line_seqno " + driver.sequence[k] + " (expected " + (k + 1) + ")");
                check(driver.edge[k] == want, "edge " + k + ": direction " + driver.edge[k] + " (expected " + want + ")");
                check(driver.timestampNs[k] >= t0 && driver.timestampNs[k] <= t1,
                        "edge " + k + ": kernel timestamp " + driver.timestampNs[k] + " outside the test's window [" + t0 + ", " + t1 + "]");
                check(k == 0 || driver.timestampNs[k] > driver.timestampNs[k - 1], "edge " + k + ": timestamp not after the previous");
                check(driver.isrNanoTime[k] >= driver.timestampNs[k], "edge " + k + ": ISR ran before the kernel's timestamp");
            }
            InterruptStatistics s = driver.interrupt().statistics();
            check(s.signals() == toggles && s.isrCalls() == toggles && s.lost() == 0,
                    "statistics " + s + " (expected " + toggles + " signals and ISR calls, 0 lost)");
            long kernel = chip.kernelInterrupts(line) - kernelBefore;
            check(kernel == toggles, "the kernel's interrupt count rose by " + kernel + " (expected " + toggles + ")");
            check(driver.workItemGaps() == 0, "the work item saw " + driver.workItemGaps() + " missing sequence numbers");
        }
    }

    /** Rising-only and falling-only requests: only their edges, every one, and the kernel raised no others. */
    private void risingOnlyAndFallingOnly() throws Exception {
        int rise = 1;
        int fall = 2;
        int pulses = 6;
        GpioSource rising = new GpioSource(chip.device(), new int[] {rise}, GpioSource.RISING, 0);
        GpioSource falling = new GpioSource(chip.device(), new int[] {fall}, GpioSource.FALLING, 0);
        EdgeRecorderDriver up = new EdgeRecorderDriver();
        EdgeRecorderDriver down = new EdgeRecorderDriver();
        try (Host host = host()) {
            Device d1 = host.addDevice("gpio-rising", up, List.of(line(rising)));
            Device d2 = host.addDevice("gpio-falling", down, List.of(line(falling)));
            host.start(d1);
            host.start(d2);
            long kRise = chip.kernelInterrupts(rise);
            long kFall = chip.kernelInterrupts(fall);
            for (int p = 0; p < pulses; p++) {
                int n = p + 1;
                chip.set(rise, true);
                chip.set(fall, true);
                await("rising edge " + n, () -> up.recorded() >= n);
                chip.set(rise, false);
                chip.set(fall, false);
                await("falling edge " + n, () -> down.recorded() >= n);
            }
            host.stop(d1);
            host.stop(d2);
            collect(host);
            check(up.recorded() == pulses, "rising-only delivered " + up.recorded() + " (expected " + pulses + ")");
            check(down.recorded() == pulses, "falling-only delivered " + down.recorded() + " (expected " + pulses + ")");
            for (int k = 0; k < pulses; k++) {
                check(up.edge[k] == EdgeSource.RISING_EDGE && up.sequence[k] == k + 1, "rising-only edge " + k + ": id " + up.edge[k] + " seq " + up.sequence[k]);
                check(down.edge[k] == EdgeSource.FALLING_EDGE && down.sequence[k] == k + 1, "falling-only edge " + k + ": id " + down.edge[k] + " seq " + down.sequence[k]);
            }
            long kr = chip.kernelInterrupts(rise) - kRise;
            long kf = chip.kernelInterrupts(fall) - kFall;
            check(kr == pulses && kf == pulses, "kernel interrupts rising " + kr + ", falling " + kf + " (expected " + pulses + " each)");
        }
    }

    /**
     * The dispatch thread is held in the ISR of the first edge while {@code burst} more toggles are
     * made. The kernel queues them in the request's event FIFO ({@code bufferSize}, 0 = its default of
     * 16 for one line) and, once it is full, drops the oldest for each new one. After the release the
     * driver gets the FIFO's content, the newest edges, and GpioSource counts the dropped ones from
     * the line_seqno gap: delivered = 1 + FIFO size, lost = burst - FIFO size, their sum the toggles.
     */
    private void burstWhileHeld(int line, int bufferSize, int burst) throws Exception {
        int fifo = bufferSize == 0 ? 16 : bufferSize;
        ProvidedDevice provided = new GpioDeviceProvider().open(chip.device() + ":" + line + ":both"
                + (bufferSize == 0 ? "" : ":buffer=" + bufferSize));
        EdgeRecorderDriver driver = new EdgeRecorderDriver();
        try (Host host = host(); provided) {
            Device device = host.addDevice("gpio-burst" + line, driver, provided.resources());
            host.start(device);
            CountDownLatch release = driver.holdNextIsr();
            long kernelBefore = chip.kernelInterrupts(line);
            chip.set(line, true);
            check(driver.awaitHeld(WAIT_S), "the first edge's ISR did not run within " + WAIT_S + " s");
            for (int k = 1; k <= burst; k++) {
                chip.set(line, k % 2 == 0);
            }
            int toggles = burst + 1;
            await("the kernel handled all " + toggles + " edges", () -> kernelSince(line, kernelBefore) >= toggles);
            release.countDown();
            await("delivered + lost = " + toggles, () -> driver.recorded() + driver.interrupt().statistics().lost() >= toggles);
            await("the work item took all delivered edges", () -> driver.workItemEdges() == driver.recorded());
            host.stop(device);
            collect(host);
            long lost = driver.interrupt().statistics().lost();
            int delivered = driver.recorded();
            System.out.printf("FIGURE gpio burst: %d toggles while the ISR was held, kernel FIFO %d: %d delivered, %d counted lost%n",
                    toggles, fifo, delivered, lost);
            check(delivered + lost == toggles, "delivered " + delivered + " + lost " + lost + " != toggles " + toggles);
            check(delivered == 1 + fifo, "delivered " + delivered + " (expected 1 + the FIFO's " + fifo + ")");
            check(lost == burst - fifo, "lost " + lost + " (expected " + (burst - fifo) + ")");
            check(driver.sequence[delivered - 1] == toggles, "the last edge's line_seqno " + driver.sequence[delivered - 1] + " (expected " + toggles + ")");
            check(driver.sequence[1] == toggles - fifo + 1, "the first edge after the hold has line_seqno " + driver.sequence[1]
                    + " (expected " + (toggles - fifo + 1) + ": the oldest were dropped)");
            check(driver.workItemGaps() == lost, "the work item saw " + driver.workItemGaps() + " missing sequence numbers (expected " + lost + ")");
            long kernel = chip.kernelInterrupts(line) - kernelBefore;
            check(kernel == toggles, "the kernel's interrupt count rose by " + kernel + " (expected " + toggles + ")");
        }
    }

    /** Software debounce (gpio-sim has none in hardware): pulses far shorter than the period give no event; a long one gives two. */
    private void debounceSuppressesShortPulses() throws Exception {
        int line = 5;
        int debounceUs = 200_000;
        int shortPulses = 5;
        GpioSource source = new GpioSource(chip.device(), new int[] {line}, GpioSource.BOTH, debounceUs);
        EdgeRecorderDriver driver = new EdgeRecorderDriver();
        try (Host host = host()) {
            Device device = host.addDevice("gpio-debounce", driver, List.of(line(source)));
            host.start(device);
            long kernelBefore = chip.kernelInterrupts(line);
            long longest = 0;
            for (int p = 0; p < shortPulses; p++) {
                long a = System.nanoTime();
                chip.set(line, true);
                chip.set(line, false);
                longest = Math.max(longest, System.nanoTime() - a);
                // Let the debounce period pass so that the next pulse is judged on its own.
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(2L * debounceUs));
            }
            check(longest < TimeUnit.MICROSECONDS.toNanos(debounceUs) / 2, "a short pulse took " + longest / 1000
                    + " us, not well below the debounce period of " + debounceUs + " us: this machine is too slow for the test");
            check(driver.recorded() == 0, "short pulses gave " + driver.recorded() + " events (expected 0)");
            chip.set(line, true);
            await("the long pulse's rising edge", () -> driver.recorded() >= 1);
            chip.set(line, false);
            await("the long pulse's falling edge", () -> driver.recorded() >= 2);
            long kernel = chip.kernelInterrupts(line) - kernelBefore;
            host.stop(device);
            collect(host);
            System.out.printf("FIGURE gpio debounce %d us: %d short pulses (longest %d us) -> 0 events; kernel saw %d edges; long pulse -> %d events%n",
                    debounceUs, shortPulses, longest / 1000, kernel, driver.recorded());
            check(driver.recorded() == 2, "events " + driver.recorded() + " (expected 2, from the long pulse)");
            check(driver.edge[0] == EdgeSource.RISING_EDGE && driver.edge[1] == EdgeSource.FALLING_EDGE, "directions " + driver.edge[0] + ", " + driver.edge[1]);
            check(driver.sequence[0] == 1 && driver.sequence[1] == 2, "sequence " + driver.sequence[0] + ", " + driver.sequence[1] + " (suppressed pulses are not lost edges)");
            check(driver.interrupt().statistics().lost() == 0, "lost " + driver.interrupt().statistics().lost());
            check(kernel == 2L * shortPulses + 2, "the kernel's interrupt count rose by " + kernel + " (expected " + (2 * shortPulses + 2)
                    + ": every edge reached the debouncer)");
        }
    }

    /** While started the line is taken (EBUSY); stop releases it; a restart makes a new request numbered from 1. */
    private void stopReleasesTheLineRequest() throws Exception {
        int line = 6;
        GpioSource source = new GpioSource(chip.device(), new int[] {line}, GpioSource.BOTH, 0);
        EdgeRecorderDriver driver = new EdgeRecorderDriver();
        try (Host host = host()) {
            Device device = host.addDevice("gpio-release", driver, List.of(line(source)));
            host.start(device);
            GpioSource other = new GpioSource(chip.device(), new int[] {line}, GpioSource.BOTH, 0);
            try {
                other.connect();
                other.disconnect();
                throw new AssertionError("a second request of line " + line + " succeeded while the device was started");
            } catch (NativeIoException e) {
                check(e.errnoName().equals("EBUSY"), "a second request failed with " + e.errnoName() + " (expected EBUSY): " + e.getMessage());
            }
            chip.set(line, true);
            await("an edge before the stop", () -> driver.recorded() == 1);
            host.stop(device);
            check(!source.isConnected(), "the source is still open after stop");
            other.connect();   // the line can be requested again
            other.disconnect();
            chip.set(line, false);   // no one listens: no event anywhere
            driver.resetSequenceCheck();
            host.start(device);
            chip.set(line, true);
            await("an edge after the restart", () -> driver.recorded() == 2);
            host.stop(device);
            collect(host);
            check(driver.sequence[1] == 1, "the restarted request's first edge has line_seqno " + driver.sequence[1] + " (expected 1)");
            check(driver.interrupt().statistics().lost() == 0, "lost " + driver.interrupt().statistics().lost()
                    + " (a new request's numbering must not look like a gap)");
        }
    }

    /**
     * Toggles without waiting. The ISR, the work item and the kernel's event counter (line_seqno)
     * agree, with nothing lost from a 256-event kernel buffer. The kernel's hard-interrupt count
     * matches too on one CPU; on several, the kernel's threaded IRQ handler (which makes the events)
     * can run once for two hard interrupts, merging edges before any event or seqno exists: that
     * difference is printed, since no user-space reader can see it.
     */
    private void isrAndWorkItemSeeTheKernelsEdges(int line, boolean oneCpu) throws Exception {
        int toggles = 200;
        GpioSource source = new GpioSource(chip.device(), new int[] {line}, GpioSource.BOTH, 0, 256);
        EdgeRecorderDriver driver = new EdgeRecorderDriver();
        try (Host host = host()) {
            Device device = host.addDevice("gpio-workitem", driver, List.of(line(source)));
            host.start(device);
            long kernelBefore = chip.kernelInterrupts(line);
            long[] lastWrite = new long[1];
            for (int k = 0; k < toggles; k++) {
                lastWrite[0] = System.nanoTime();
                chip.set(line, k % 2 == 0);
            }
            await("the kernel handled " + toggles + " edges", () -> kernelSince(line, kernelBefore) >= toggles);
            // The event the IRQ thread makes after the last hard interrupt carries that interrupt's
            // timestamp (each hard interrupt overwrites it), so it is the one stamped after the last write began.
            await("the event of the last toggle", () -> {
                int n = driver.recorded();
                return n > 0 && driver.timestampNs[n - 1] >= lastWrite[0];
            });
            await("the work item took every edge", () -> driver.workItemEdges() == driver.recorded());
            long kernel = chip.kernelInterrupts(line) - kernelBefore;
            host.stop(device);
            collect(host);
            InterruptStatistics s = driver.interrupt().statistics();
            long events = source.lastSequence(0);
            System.out.printf("FIGURE gpio unpaced on %s: %d toggles -> %d hard interrupts, %d events (line_seqno; %d merged in the kernel's IRQ thread), ISR %d, work item %d edges in %d runs, lost %d%n",
                    oneCpu ? "one CPU" : "all CPUs", toggles, kernel, events, kernel - events, s.isrCalls(), driver.workItemEdges(), s.workItemRuns(), s.lost());
            check(kernel == toggles, "kernel interrupts " + kernel + " (expected " + toggles + ")");
            check(!oneCpu || events == toggles, "the kernel's line_seqno " + events + " (expected " + toggles + " on one CPU)");
            check(events >= 1 && events <= toggles, "the kernel's line_seqno " + events);
            check(s.isrCalls() == events && driver.recorded() == events, "ISR calls " + s.isrCalls() + ", recorded " + driver.recorded()
                    + " (expected the kernel's " + events + " events)");
            check(driver.workItemEdges() == events && driver.workItemGaps() == 0,
                    "work item took " + driver.workItemEdges() + " edges with " + driver.workItemGaps() + " gaps (expected " + events + ", 0)");
            check(s.lost() == 0, "lost " + s.lost() + " with a 256-event kernel buffer");
            check(s.workItemRuns() >= 1 && s.workItemRuns() <= s.workItemQueued(), "work item runs " + s.workItemRuns() + ", queued " + s.workItemQueued());
        }
    }

    /** The sample encoder driver on two gpio-sim lines through the gpio: provider: 24 steps forward, 10 back. */
    private void quadratureEncoderOnGpioSim() throws Exception {
        int a = 8;
        int b = 9;
        ProvidedDevice provided = new GpioDeviceProvider().open(chip.device() + ":" + a + "," + b + ":both");
        QuadratureEncoderDriver driver = new QuadratureEncoderDriver();
        try (Host host = host(); provided) {
            Device device = host.addDevice("encoder", driver, provided.resources());
            host.start(device);
            QuadratureSignal signal = new QuadratureSignal();
            QuadratureSignal.Lines lines = (l, high) -> chip.set(l == 0 ? a : b, high);
            long position = 0;
            for (int k = 0; k < 24; k++) {
                signal.step(+1, lines);
                long want = ++position;
                await("position " + want, () -> driver.position() == want);
            }
            check(driver.direction() == 1, "direction " + driver.direction() + " after turning forward");
            for (int k = 0; k < 10; k++) {
                signal.step(-1, lines);
                long want = --position;
                await("position " + want, () -> driver.position() == want);
            }
            check(driver.direction() == -1, "direction " + driver.direction() + " after turning back");
            check(driver.steps() == 34 && driver.invalidTransitions() == 0 && driver.lostEdges() == 0,
                    "steps " + driver.steps() + ", invalid " + driver.invalidTransitions() + ", lost " + driver.lostEdges());
            host.stop(device);
            collect(host);
            check(driver.position() == 14, "position " + driver.position() + " (expected 14)");
        }
    }

    /** The launcher's path, {@code -Dirq4j.launcher=ROOT/irq4j} (tools/guest/gpio-job.sh sets it). */
    static final String LAUNCHER_PROPERTY = "irq4j.launcher";

    /**
     * The sample encoder driver run as a user runs it: {@code ./irq4j run --driver
     * io.github.irq4j.samples.QuadratureEncoderDriver --device gpio:CHIP:12,13:both:buffer=256 --json
     * --stats-file FILE}, in its own JVM through the launcher. Once the stats file says the run
     * started (the lines are requested), the test turns the encoder 24 steps forward and 10 back,
     * each edge after the kernel handled the previous one; once the stats file counts every edge in
     * the ISRs it ends the run with SIGTERM (exit 143, report printed) and checks the report: the
     * driver's position 14 from 34 steps, nothing invalid or lost, every edge claimed, the ISR count
     * per line equal to the edges made on it, and the verifier clean.
     */
    private void quadratureEncoderThroughTheLauncher() throws Exception {
        String launcher = System.getProperty(LAUNCHER_PROPERTY);
        check(launcher != null && java.nio.file.Files.isExecutable(java.nio.file.Path.of(launcher)),
                "no launcher: -D" + LAUNCHER_PROPERTY + "=" + launcher + " (expected the checkout's ./irq4j; tools/guest/gpio-job.sh sets it)");
        int a = 12;
        int b = 13;
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("irq4j-gpio-cli");
        java.nio.file.Path stats = dir.resolve("run.stats");
        java.nio.file.Path out = dir.resolve("report.json");
        java.nio.file.Path err = dir.resolve("run.err");
        String spec = "gpio:" + chip.device() + ":" + a + "," + b + ":both:buffer=256";
        ProcessBuilder pb = new ProcessBuilder(launcher, "run", "--driver", QuadratureEncoderDriver.class.getName(),
                "--device", spec, "--duration", "900s", "--json", "--stats-file", stats.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("IRQ4J_NO_BUILD", "1");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        // Under TCG a JVM starts in tens of seconds; C1 only and the serial GC start it sooner.
        pb.environment().put("JAVA_TOOL_OPTIONS", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        System.out.println("INFO launcher: " + String.join(" ", pb.command()));
        Process run = pb.start();
        try {
            long startDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
            while (!"running".equals(statsState(stats))) {
                check(run.isAlive(), "the run ended before it started (exit " + exitOf(run) + "): " + tail(err));
                check(System.nanoTime() < startDeadline, "the run did not start within 240 s: " + tail(err));
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
            QuadratureSignal signal = new QuadratureSignal();
            long[] kernelBefore = {chip.kernelInterrupts(a), chip.kernelInterrupts(b)};
            long[] made = new long[2];
            QuadratureSignal.Lines lines = (l, high) -> {
                int gpio = l == 0 ? a : b;
                chip.set(gpio, high);
                long want = ++made[l];
                await("the kernel handled edge " + want + " of line " + gpio, () -> kernelSince(gpio, kernelBefore[l]) >= want);
            };
            for (int k = 0; k < 24; k++) {
                signal.step(+1, lines);
            }
            for (int k = 0; k < 10; k++) {
                signal.step(-1, lines);
            }
            long edges = made[0] + made[1];
            long runDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (statsIsrCalls(stats) < edges) {
                check(run.isAlive(), "the run ended early (exit " + exitOf(run) + "): " + tail(err));
                check(System.nanoTime() < runDeadline, "the run's ISRs saw " + statsIsrCalls(stats) + " of " + edges + " edges within 120 s");
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
            run.destroy();   // SIGTERM: the run stops, prints its report, exits 143
            check(run.waitFor(120, TimeUnit.SECONDS), "the run did not end within 120 s of SIGTERM");
            String report = java.nio.file.Files.readString(out);
            System.out.println("INFO launcher run: exit " + run.exitValue() + ", report " + report.length() + " chars");
            check(run.exitValue() == 143, "exit " + run.exitValue() + " (expected 143, ended by SIGTERM): " + tail(err));
            check(report.contains("\"endedBy\":\"SIGTERM\""), "the report does not say it was ended by SIGTERM: " + report);
            long position = jsonLong(report, "driver.position");
            long steps = jsonLong(report, "driver.steps");
            long invalid = jsonLong(report, "driver.invalidTransitions");
            long lost = jsonLong(report, "driver.lostEdges");
            System.out.printf("FIGURE gpio encoder through the launcher: %d edges (A %d, B %d) -> position %d, steps %d, invalid %d, lost %d%n",
                    edges, made[0], made[1], position, steps, invalid, lost);
            check(position == 14 && steps == 34 && invalid == 0 && lost == 0,
                    "report: position " + position + ", steps " + steps + ", invalid " + invalid + ", lost " + lost + " (expected 14, 34, 0, 0)");
            List<long[]> perLine = jsonIsrAndClaimed(report);
            check(perLine.size() == 2, "the report lists " + perLine.size() + " interrupts (expected 2, lines A and B): " + report);
            for (int l = 0; l < 2; l++) {
                check(perLine.get(l)[0] == made[l] && perLine.get(l)[1] == made[l],
                        "line " + (l == 0 ? "A" : "B") + ": isrCalls " + perLine.get(l)[0] + ", claimed " + perLine.get(l)[1] + " (expected " + made[l] + ")");
            }
            check(report.contains("\"violationCount\":0") && report.contains("\"faultCount\":0") && report.contains("\"clean\":true"),
                    "the report has verifier findings or faults: " + report);
        } finally {
            if (run.isAlive()) {
                run.destroyForcibly();
                run.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** The {@code # state=} of a stats file, or null if there is none yet. */
    private static String statsState(java.nio.file.Path stats) throws java.io.IOException {
        if (!java.nio.file.Files.exists(stats)) {
            return null;
        }
        for (String l : java.nio.file.Files.readAllLines(stats)) {
            if (l.startsWith("# state=")) {
                return l.substring("# state=".length());
            }
        }
        return null;
    }

    /** The sum of the isrCalls column (the second) over the interrupts of a stats file; 0 if none yet. */
    private static long statsIsrCalls(java.nio.file.Path stats) throws java.io.IOException {
        if (!java.nio.file.Files.exists(stats)) {
            return 0;
        }
        long sum = 0;
        for (String l : java.nio.file.Files.readAllLines(stats)) {
            String[] f = l.trim().split("\\s+");
            if (!l.startsWith("#") && f.length >= 3 && !f[0].equals("interrupt")) {
                sum += Long.parseLong(f[2]);
            }
        }
        return sum;
    }

    /** A number field of the report's JSON, by its exact name. */
    private static long jsonLong(String json, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + java.util.regex.Pattern.quote(name) + "\":(-?\\d+)").matcher(json);
        check(m.find(), "no number field '" + name + "' in the report: " + json);
        return Long.parseLong(m.group(1));
    }

    /** isrCalls and claimed of each interrupt in the report, in order. */
    private static List<long[]> jsonIsrAndClaimed(String json) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"isrCalls\":(\\d+),\"claimed\":(\\d+)").matcher(json);
        List<long[]> rows = new ArrayList<>();
        while (m.find()) {
            rows.add(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
        }
        return rows;
    }

    private static String exitOf(Process p) {
        return p.isAlive() ? "none yet" : Integer.toString(p.exitValue());
    }

    private static String tail(java.nio.file.Path file) {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(file);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
        } catch (java.io.IOException e) {
            return "(" + file + " unreadable: " + e + ")";
        }
    }

    /** Bytes the dispatch thread may allocate in a window of {@value #ALLOC_WINDOW} edges in steady state: under 1 B per edge. */
    static final long ALLOC_NOISE_BYTES = 1_024;
    static final int ALLOC_WINDOW = 1_000;
    /** At most this many windows, and at most {@value #ALLOC_SECONDS} s of them, until one is quiet. */
    static final int ALLOC_MAX_WINDOWS = 200;
    static final long ALLOC_SECONDS = 480;

    /**
     * Edge-to-ISR latency (kernel timestamp in the hard interrupt handler to the ISR's first
     * instruction, both CLOCK_MONOTONIC) and the dispatch thread's allocation per event, one edge
     * at a time after a warm-up, in the guest (TCG-emulated: not a hardware figure).
     *
     * <p>Allocation is asserted: windows of {@value #ALLOC_WINDOW} edges are measured until one in
     * which the dispatch thread allocates under {@value #ALLOC_NOISE_BYTES} bytes (one object per
     * edge would be 16,000 bytes or more), at most {@value #ALLOC_MAX_WINDOWS} windows or
     * {@value #ALLOC_SECONDS} s; none quiet fails the test. Why windows until quiet: before C2 has
     * compiled the dispatch path, each FFM downcall made with {@code captureCallState} allocates a
     * 40-byte {@code NativeMemorySegmentImpl} (the JDK's {@code SharedUtils.checkCaptureSegment}
     * slices the capture segment; C2 inlines it and removes the slice), and an edge takes three
     * downcalls (the event's read, the read that finds the FIFO empty, {@code epoll_wait}): 120
     * bytes per edge in C1 code, seen with JFR on the host under {@code -XX:TieredStopAtLevel=1}.
     * Under TCG on one vCPU C2 takes minutes to reach these methods, so earlier windows show 100 to
     * 40 bytes per edge falling to 0 as it compiles them.
     */
    private void latencyAndAllocationPerEvent() throws Exception {
        int line = 10;
        int warmup = 3_000;
        GpioSource source = new GpioSource(chip.device(), new int[] {line}, GpioSource.BOTH, 0);
        EdgeRecorderDriver driver = new EdgeRecorderDriver();
        long[] bytes;
        int[] edges = {0};
        long t0;
        long measuredNs;
        try (Host host = host()) {
            Device device = host.addDevice("gpio-latency", driver, List.of(line(source)));
            host.start(device);
            Thread dispatch = dispatchThread(source);
            oneEdgeAtATime(driver, line, edges, warmup);
            t0 = System.nanoTime();
            bytes = allocationWindows(driver, line, edges, dispatch);
            measuredNs = System.nanoTime() - t0;
            host.stop(device);
            collect(host);
        }
        long quietest = Arrays.stream(bytes).min().orElseThrow();
        int n = Math.min(driver.recorded(), EdgeRecorderDriver.CAPACITY);
        long[] lat = new long[n - warmup];
        for (int k = warmup; k < n; k++) {
            lat[k - warmup] = driver.isrNanoTime[k] - driver.timestampNs[k];
        }
        Arrays.sort(lat);
        System.out.printf("FIGURE gpio edge-to-ISR latency (TCG-emulated guest, %d edges after %d warm-up): p50 %d us, p90 %d us, p99 %d us, max %d us%n",
                lat.length, warmup, lat[lat.length / 2] / 1000, lat[lat.length * 9 / 10] / 1000,
                lat[lat.length * 99 / 100] / 1000, lat[lat.length - 1] / 1000);
        System.out.printf("FIGURE gpio dispatch-thread allocation per window of %d events after %d of warm-up: %s bytes"
                        + " (quietest %.2f B/event; %d windows in %.0f s)%n",
                ALLOC_WINDOW, warmup, Arrays.toString(bytes), quietest / (double) ALLOC_WINDOW, bytes.length, measuredNs / 1e9);
        check(source.lostSignals(0) == 0, "lost " + source.lostSignals(0));
        check(driver.isrCalls() == edges[0], "ISR calls " + driver.isrCalls() + " for " + edges[0] + " edges");
        check(lat[0] >= 0, "an ISR ran before its edge's kernel timestamp (" + lat[0] + " ns)");
        check(quietest < ALLOC_NOISE_BYTES, "the dispatch thread allocated " + quietest + " bytes in the quietest of "
                + bytes.length + " windows of " + ALLOC_WINDOW + " edges (expected < " + ALLOC_NOISE_BYTES
                + ", i.e. nothing per edge, once C2 has compiled the path; windows " + Arrays.toString(bytes) + ")");
    }

    private static final com.sun.management.ThreadMXBean MX = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /**
     * Measures the dispatch thread's allocation over windows of {@value #ALLOC_WINDOW} edges until
     * one allocates under {@value #ALLOC_NOISE_BYTES} bytes, at most {@value #ALLOC_MAX_WINDOWS}
     * windows or {@value #ALLOC_SECONDS} s.
     */
    private long[] allocationWindows(EdgeRecorderDriver driver, int line, int[] edges, Thread dispatch) throws Exception {
        long[] bytes = new long[ALLOC_MAX_WINDOWS];
        int measured = 0;
        long quietest = Long.MAX_VALUE;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ALLOC_SECONDS);
        while (measured < ALLOC_MAX_WINDOWS && quietest >= ALLOC_NOISE_BYTES && (measured == 0 || System.nanoTime() < deadline)) {
            long before = MX.getThreadAllocatedBytes(dispatch.threadId());
            oneEdgeAtATime(driver, line, edges, ALLOC_WINDOW);
            bytes[measured] = MX.getThreadAllocatedBytes(dispatch.threadId()) - before;
            quietest = Math.min(quietest, bytes[measured]);
            measured++;
        }
        return Arrays.copyOf(bytes, measured);
    }

    /** Makes {@code n} edges on {@code line}, each after the previous one's ISR ran. */
    private void oneEdgeAtATime(EdgeRecorderDriver driver, int line, int[] edges, int n) throws Exception {
        for (int k = 0; k < n; k++) {
            int target = edges[0] + 1;
            chip.set(line, edges[0] % 2 == 0);
            edges[0] = target;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
            while (driver.isrCalls() < target) {
                check(System.nanoTime() < deadline, "edge " + target + " on line " + line + " not delivered within " + WAIT_S + " s");
                LockSupport.parkNanos(20_000);
            }
        }
    }

    private static Thread dispatchThread(GpioSource source) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("irq4j-isr-" + source.name())).findFirst()
                .orElseThrow(() -> new AssertionError("no dispatch thread irq4j-isr-" + source.name()));
    }

    /** Every host of this suite ran in the verifier's THROW mode; none reported a violation or a fault. */
    private void runtimeVerifierSilent() {
        check(violations.isEmpty(), "violations: " + violations);
        check(faults.isEmpty(), "faults: " + faults);
    }

    // ---------------------------------------------------------------------------------------------

    private static Host host() {
        return Host.builder().build();
    }

    private static InterruptResource line(GpioSource source) {
        return InterruptResource.line(source.name(), source, 0, InterruptMode.LATCHED);
    }

    private void collect(Host host) {
        violations.addAll(host.violations());
        host.faults().forEach(f -> faults.add(f.toString()));
    }

    private long kernelSince(int line, long before) {
        try {
            return chip.kernelInterrupts(line) - before;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + WAIT_S + " s");
            }
            LockSupport.parkNanos(100_000);
        }
    }
}
