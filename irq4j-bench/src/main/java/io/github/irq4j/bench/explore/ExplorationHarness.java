package io.github.irq4j.bench.explore;

import io.github.irq4j.Device;
import io.github.irq4j.Host;
import io.github.irq4j.IoQueue;
import io.github.irq4j.MemoryResource;
import io.github.irq4j.PendingRequest;
import io.github.irq4j.samples.BrokenSequentialUartDriver;
import io.github.irq4j.samples.SequentialUartDriver;
import io.github.irq4j.sim.Explorer;
import io.github.irq4j.sim.LineMode;
import io.github.irq4j.sim.SimInterruptController;
import io.github.irq4j.sim.SimUart;
import io.github.irq4j.sim.UartTraffic;
import io.github.irq4j.test.Exploration;
import io.github.irq4j.test.SimHost;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Seeds per second of the driver test kit exploring the WdfInterruptTryToAcquireLock sample (the scenario of
 * {@code SeedUartDriverExplorationTest}: four bursts of six bytes, six reads of four bytes):
 * <ol>
 * <li>{@code kit/sequential}: {@code Exploration.explore(1, 200, ...)} of {@link SequentialUartDriver}, every seed passes;</li>
 * <li>{@code kit/broken}: {@link BrokenSequentialUartDriver} explored to its first failure, then that seed replayed;</li>
 * <li>{@code baseline}: the same scenario for the sequential driver on the simulator's bare {@link Explorer}
 *     (Host, controller and UART built by hand, no kit), the ratio's denominator.</li>
 * </ol>
 * Each round runs all three; the first {@code warmup} rounds are not reported. Prints per round and
 * the median. Usage: {@code java -cp irq4j-bench/target/benchmarks.jar io.github.irq4j.bench.explore.ExplorationHarness [rounds] [warmup]}.
 */
public final class ExplorationHarness {

    static final int SEEDS = 200;
    static final byte[] STREAM = stream(24);

    private ExplorationHarness() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        System.out.printf(Locale.ROOT, "exploration of the WdfInterruptTryToAcquireLock sample, %d seeds; %d warm-up + %d rounds; %d cores%n",
                SEEDS, warmup, rounds, Runtime.getRuntime().availableProcessors());
        double[] kit = new double[rounds];
        double[] broken = new double[rounds];
        double[] base = new double[rounds];
        for (int i = -warmup; i < rounds; i++) {
            long t0 = System.nanoTime();
            Exploration.Result ok = Exploration.explore(1, SEEDS, host -> body(host, SequentialUartDriver::new));
            long t1 = System.nanoTime();
            if (ok.failed()) {
                throw new IllegalStateException("the sequential driver failed a seed: " + ok.failure().getMessage());
            }
            Exploration.Result found = Exploration.explore(1, SEEDS, host -> body(host, BrokenSequentialUartDriver::new));
            if (!found.failed()) {
                throw new IllegalStateException("the broken driver passed all " + SEEDS + " seeds");
            }
            Exploration.Result again = Exploration.replay(found.lastSeed(), host -> body(host, BrokenSequentialUartDriver::new));
            long t2 = System.nanoTime();
            if (!again.interleaving().equals(found.interleaving())) {
                throw new IllegalStateException("the replay of seed " + found.lastSeed() + " took another schedule:\n"
                        + found.failure().getMessage() + "\n--- replay:\n" + again.interleaving().describe()
                        + (again.failed() ? "\n" + again.failure().getMessage() : "\n(passed)"));
            }
            Explorer.Outcome raw = Explorer.explore(1, SEEDS, ExplorationHarness::bareScenario, null);
            long t3 = System.nanoTime();
            if (raw != null) {
                throw new IllegalStateException("the bare exploration failed: " + raw.report());
            }
            double kitRate = SEEDS / ((t1 - t0) / 1e9);
            double brokenRate = (found.seedsRun() + 1) / ((t2 - t1) / 1e9);
            double baseRate = SEEDS / ((t3 - t2) / 1e9);
            System.out.printf(Locale.ROOT, "%s %d: kit/sequential %.0f seeds/s (%d seeds in %.2f s), kit/broken caught at seed %d"
                            + " and replayed: %.0f seeds/s (%.2f s), baseline %.0f seeds/s, kit/baseline %.2f%n",
                    i < 0 ? "warm-up" : "round", i < 0 ? i + warmup + 1 : i + 1, kitRate, SEEDS, (t1 - t0) / 1e9,
                    found.lastSeed(), brokenRate, (t2 - t1) / 1e9, baseRate, kitRate / baseRate);
            if (i >= 0) {
                kit[i] = kitRate;
                broken[i] = brokenRate;
                base[i] = baseRate;
            }
        }
        double k = median(kit);
        double b = median(base);
        System.out.printf(Locale.ROOT, "median: kit/sequential %.0f seeds/s (200 seeds in %.2f s), kit/broken %.0f seeds/s,"
                + " baseline %.0f seeds/s, kit/baseline %.2f%n", k, SEEDS / k, median(broken), b, k / b);
    }

    /** The test body of SeedUartDriverExplorationTest, on the kit. */
    static void body(SimHost host, Supplier<? extends SequentialUartDriver> drivers) {
        SimUart uart = host.uart("uart0", 64);
        Device device = host.start(drivers.get(), uart);
        List<PendingRequest> reads = schedule(device, uart, host::scriptAt);
        host.runUntilIdle();
        host.stop(device);
        check(reads);
    }

    /** The same scenario without the kit: what a test wrote on the simulator's Explorer. */
    static void bareScenario(io.github.irq4j.sim.DeterministicScheduler scheduler) {
        SimInterruptController pic = new SimInterruptController("uart0.pic", LineMode.LEVEL);
        SimUart uart = new SimUart("uart0", scheduler.simulation(), pic.levelOutput(0), 64);
        try (Host host = Host.builder().environment(scheduler).build()) {
            Device device = host.addDevice("uart0", new SequentialUartDriver(),
                    List.of(pic.resource("uart0.irq", 0), new MemoryResource("uart0.regs", uart.registers())));
            host.start(device);
            List<PendingRequest> reads = schedule(device, uart, scheduler::scriptAt);
            scheduler.runUntilIdle();
            host.stop(device);
            check(reads);
            if (!host.faults().isEmpty() || !host.violations().isEmpty()) {
                throw new AssertionError("faults " + host.faults() + ", violations " + host.violations());
            }
        }
    }

    interface Script {
        void scriptAt(long dueNanos, String name, Runnable action);
    }

    private static List<PendingRequest> schedule(Device device, SimUart uart, Script script) {
        for (int b = 0; b < 4; b++) {
            uart.feedAt(1_000L * (b + 1), Arrays.copyOfRange(STREAM, b * 6, b * 6 + 6));
        }
        IoQueue queue = device.defaultQueue().orElseThrow();
        List<PendingRequest> reads = new ArrayList<>();
        for (int r = 0; r < 6; r++) {
            script.scriptAt(700L * r + 300, "read#" + r, () -> reads.add(queue.submitRead(4)));
        }
        return reads;
    }

    /** What the test asserts: every read succeeded, and the reads joined in order are the stream. */
    private static void check(List<PendingRequest> reads) {
        java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
        for (PendingRequest p : reads) {
            if (!p.completion().isDone() || !p.completion().join().isSuccess()) {
                throw new AssertionError("a read did not succeed: " + (p.completion().isDone() ? p.completion().join() : "pending"));
            }
            joined.writeBytes(p.completion().join().data());
        }
        if (!Arrays.equals(joined.toByteArray(), STREAM)) {
            throw new AssertionError("reads joined: " + Arrays.toString(joined.toByteArray()) + ", expected " + Arrays.toString(STREAM));
        }
    }

    private static byte[] stream(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = UartTraffic.patternByte(i);
        }
        return b;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
