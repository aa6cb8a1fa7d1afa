package io.github.irq4j.bench.scale;

import io.github.irq4j.Device;
import io.github.irq4j.DispatchMode;
import io.github.irq4j.Host;
import io.github.irq4j.InterruptConfig;
import io.github.irq4j.InterruptMode;
import io.github.irq4j.InterruptResource;
import io.github.irq4j.VerifierMode;
import io.github.irq4j.linux.EpollDispatchGroup;
import io.github.irq4j.linux.EventFdSource;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 13 "scale": N eventfd interrupts, each on a source of its own, one device each, on an
 * {@link EpollDispatchGroup} of 2 dispatch threads or (for comparison) a thread per source.
 * Reports the time to start and stop them all, the threads the JVM runs, the heap each interrupt
 * takes (source, device, interrupt, loop; after a full GC), and the dispatch cost: a signal,
 * waited for until its ISR ran (a round trip), the mean over windows of {@value #WINDOW}, with 1
 * source bound, with N bound and the same one signalled, and with N bound each signalled in turn.
 * The three are measured window by window in turn, so a change of the machine's load hits all
 * (the machine is shared); the ratios of their medians are the result (irq4j-bench README), and
 * of their lowest deciles, which a loaded machine disturbs less. Each is measured twice: signalled
 * through {@link EventFdSource#signal} (which touches the source's Java object on the signalling
 * thread too), and by a plain {@code write(2)} on its descriptor, as a kernel object or another
 * process signals, so that the ratio is the dispatch side's alone. All that runs twice: on 2
 * {@code BLOCKING} group threads (each round trip then holds the wake-up of a sleeping thread,
 * 13 to 35 us on this 2-core VM, whose variance hides a 10 % difference in the dispatch work), and
 * on 1 {@code HYBRID} group thread, which spins while its windows run and sleeps while the other
 * setup's do (two spinning threads on two cores, not three): the round trip is then the signal, the
 * poll and the dispatch, about 5 us, and a cold source's extra shows. Last, the same pattern in C
 * ({@link EpollScaleBaseline}) runs with the same counts, so the in-turn ratio can be set beside
 * the kernel's own.
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp irq4j-bench/target/benchmarks.jar \
 *     io.github.irq4j.bench.scale.ScaleBenchmark [N] [per-source N] [windows]
 * </pre>
 * Defaults: N = 10,000, the thread-per-source comparison at 1,000 (10,000 threads on a 2-core
 * machine shared with others took 12.4 s to start, issue 13), 21 windows.
 */
public final class ScaleBenchmark {

    static final int WINDOW = 2_000;

    private record Setup(EpollDispatchGroup group, Host host, List<EventFdSource> sources, int[] fds, List<Device> devices,
                         AtomicLong runs, double startS, long heapPerInterrupt, int threadsAfterStart) {
    }

    private ScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int perSource = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int windows = args.length > 2 ? Integer.parseInt(args[2]) : 21;
        System.out.printf(Locale.ROOT, "scale: %d sources; load average %.2f; %d cores; JDK %s%n", n,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors(), Runtime.version());
        System.out.println("| dispatch | sources | start s | stop s | JVM threads | heap B/interrupt |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        if (perSource > 0) {
            Setup own = setUp(perSource, false, false);
            report("thread per source", perSource, own);
        }
        Setup oneDevice = setUp(n, true, true);
        report("EpollDispatchGroup(2), one device", n, oneDevice);
        Setup one = setUp(1, true, false, DispatchMode.BLOCKING, 2);
        Setup many = setUp(n, true, false, DispatchMode.BLOCKING, 2);
        measure(one, many, n, windows, "BLOCKING, 2 group threads");
        report("EpollDispatchGroup(2)", 1, one);
        report("EpollDispatchGroup(2)", n, many);
        // The dispatch work without a sleeping thread's wake-up in each round trip (see the class comment).
        Setup oneHybrid = setUp(1, true, false, DispatchMode.HYBRID, 1);
        Setup manyHybrid = setUp(n, true, false, DispatchMode.HYBRID, 1);
        measure(oneHybrid, manyHybrid, n, windows, "HYBRID, 1 group thread");
        report("EpollDispatchGroup(1, HYBRID)", 1, oneHybrid);
        report("EpollDispatchGroup(1, HYBRID)", n, manyHybrid);
        // The kernel's share: the same pattern in C (epoll sets, eventfds, read on ready), same run.
        printBaseline(EpollScaleBaseline.run(n, 2, WINDOW, windows, "blocking"), n, windows, "blocking, 2 threads");
        printBaseline(EpollScaleBaseline.run(n, 1, WINDOW, windows, "hybrid"), n, windows, "hybrid, 1 thread");
        System.out.printf(Locale.ROOT, "load average at the end %.2f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** The three cases, window by window in turn, signalled through EventFdSource.signal and then by write(2). */
    private static void measure(Setup one, Setup many, int n, int windows, String how) throws IOException {
        for (boolean raw : new boolean[] {false, true}) {
            double[] oneNs = new double[windows];
            double[] sameNs = new double[windows];
            double[] turnNs = new double[windows];
            roundTrips(one, WINDOW * 5L, false, raw);   // warm-up of the JIT on both
            roundTrips(many, WINDOW * 5L, true, raw);
            for (int w = 0; w < windows; w++) {
                oneNs[w] = roundTrips(one, WINDOW, false, raw);
                sameNs[w] = roundTrips(many, WINDOW, false, raw);
                turnNs[w] = roundTrips(many, WINDOW, true, raw);
            }
            System.out.printf(Locale.ROOT, "%nround trip signal -> ISR, signalled by %s, median (lowest decile) of %d windows of %d,"
                    + " %s, windows in turn:%n", raw ? "write(2) on its descriptor" : "EventFdSource.signal", windows, WINDOW, how);
            printCases(n, oneNs, sameNs, turnNs);
        }
    }

    private static void printBaseline(EpollScaleBaseline.Windows c, int n, int windows, String how) {
        System.out.printf(Locale.ROOT, "%nC baseline (epoll_scale.c, %s each on an epoll set of its own, write(2), read(2) on ready),"
                + " median (lowest decile) of %d windows of %d:%n", how, windows, WINDOW);
        printCases(n, c.one(), c.same(), c.turn());
    }

    /** The medians (lowest deciles) of the three cases, and the ratios of the two with n sources to the one with 1. */
    private static void printCases(int n, double[] oneNs, double[] sameNs, double[] turnNs) {
        double m1 = median(oneNs);
        double ms = median(sameNs);
        double mt = median(turnNs);
        double d1 = decile(oneNs);
        System.out.printf(Locale.ROOT, "  1 source bound:                      %.2f us (%.2f)  %s%n"
                + "  %d sources bound, the same one fired: %.2f us = %.3fx (%.2f = %.3fx)  %s%n"
                + "  %d sources bound, each fired in turn: %.2f us = %.3fx (%.2f = %.3fx)  %s%n",
                m1 / 1e3, d1 / 1e3, micros(oneNs),
                n, ms / 1e3, ms / m1, decile(sameNs) / 1e3, decile(sameNs) / d1, micros(sameNs),
                n, mt / 1e3, mt / m1, decile(turnNs) / 1e3, decile(turnNs) / d1, micros(turnNs));
    }

    private static double median(double[] ns) {
        double[] c = ns.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    private static double decile(double[] ns) {
        double[] c = ns.clone();
        Arrays.sort(c);
        return c[c.length / 10];
    }

    private static String micros(double[] ns) {
        StringBuilder sb = new StringBuilder("[");
        for (double v : ns) {
            sb.append(sb.length() > 1 ? " " : "").append(String.format(Locale.ROOT, "%.1f", v / 1e3));
        }
        return sb.append(']').toString();
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static Setup setUp(int n, boolean shared, boolean oneDevice) throws IOException {
        return setUp(n, shared, oneDevice, DispatchMode.BLOCKING, 2);
    }

    private static Setup setUp(int n, boolean shared, boolean oneDevice, DispatchMode mode, int dispatchThreads) throws IOException {
        long heapBefore = usedHeap();
        EpollDispatchGroup group = new EpollDispatchGroup("scale-" + n, dispatchThreads, mode, 2);
        Host host = shared ? Host.builder().environment(group).verifierMode(VerifierMode.OFF).build()
                : Host.builder().verifierMode(VerifierMode.OFF).build();
        AtomicLong runs = new AtomicLong();
        List<EventFdSource> sources = new ArrayList<>(n);
        List<Device> devices = new ArrayList<>(n);
        List<InterruptResource> resources = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            EventFdSource s = new EventFdSource("s" + n + "-" + i);
            if (shared) {
                group.share(s);
            }
            sources.add(s);
            if (oneDevice) {
                resources.add(InterruptResource.line("i" + n + "-" + i, s, 0, InterruptMode.LATCHED));
                continue;
            }
            devices.add(host.addDevice("d" + n + "-" + i, dev -> dev.createInterrupt(InterruptConfig.builder((irq, m) -> {
                runs.incrementAndGet();
                return true;
            }).build()), List.of(InterruptResource.line("i" + n + "-" + i, s, 0, InterruptMode.LATCHED))));
        }
        if (oneDevice) {   // each config names its resource: the device's lookup of a free one is linear (core)
            devices.add(host.addDevice("d" + n, dev -> {
                for (InterruptResource r : resources) {
                    dev.createInterrupt(InterruptConfig.builder((irq, m) -> {
                        runs.incrementAndGet();
                        return true;
                    }).resource(r).build());
                }
            }, resources));
        }
        long t0 = System.nanoTime();
        for (Device d : devices) {
            host.start(d);
        }
        double startS = (System.nanoTime() - t0) / 1e9;
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        long heap = (usedHeap() - heapBefore) / n;
        return new Setup(group, host, sources, sources.stream().mapToInt(src -> src.fd(0)).toArray(), devices, runs, startS, heap,
                threads);
    }

    /** {@code ssize_t write(int fd, const void *buf, size_t count)}, write(2): the raw signal. */
    private static final MethodHandle WRITE = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("write").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MemorySegment ONE = Arena.global().allocate(ValueLayout.JAVA_LONG);

    static {
        ONE.set(ValueLayout.JAVA_LONG, 0, 1L);
    }

    /**
     * Mean ns per round trip over {@code count}, each to the next source in turn or all to the
     * first; {@code raw}: by write(2) on the descriptors, taken once into one array.
     */
    private static double roundTrips(Setup s, long count, boolean inTurn, boolean raw) throws IOException {
        List<EventFdSource> sources = s.sources;
        int n = inTurn ? sources.size() : 1;
        int[] fds = s.fds;
        long t0 = System.nanoTime();
        for (long i = 0; i < count; i++) {
            long target = s.runs.get() + 1;
            if (raw) {
                long w;
                try {
                    w = (long) WRITE.invokeExact(fds[(int) (i % n)], ONE, 8L);
                } catch (Throwable t) {
                    throw new IOException(t);
                }
                if (w != 8) {
                    throw new IOException("write(2) on eventfd " + fds[(int) (i % n)] + " returned " + w);
                }
            } else {
                sources.get((int) (i % n)).signal(1);
            }
            while (s.runs.get() < target) {
                Thread.onSpinWait();
            }
        }
        return (System.nanoTime() - t0) / (double) count;
    }

    private static void report(String what, int n, Setup s) {
        long t0 = System.nanoTime();
        for (Device d : s.devices) {
            s.host.stop(d);
        }
        double stopS = (System.nanoTime() - t0) / 1e9;
        s.host.close();
        s.group.close();
        s.sources.forEach(EventFdSource::close);
        System.out.printf(Locale.ROOT, "| %s | %,d | %.3f | %.3f | %d | %,d |%n", what, n, s.startS, stopS,
                s.threadsAfterStart, s.heapPerInterrupt);
    }
}
