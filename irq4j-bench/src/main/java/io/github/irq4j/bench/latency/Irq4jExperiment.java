package io.github.irq4j.bench.latency;

import io.github.irq4j.Device;
import io.github.irq4j.Fault;
import io.github.irq4j.Host;
import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptConfig;
import io.github.irq4j.InterruptMode;
import io.github.irq4j.InterruptResource;
import io.github.irq4j.InterruptStatistics;
import io.github.irq4j.Violation;
import io.github.irq4j.WdfObject;
import io.github.irq4j.linux.EventFdSource;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;

/**
 * The C baseline's experiment through irq4j: an {@link EventFdSource} on a {@link Host} (default
 * settings: verifier {@code THROW}, no acquire-site capture), a device with one spin-lock (DIRQL)
 * interrupt whose ISR stamps {@link System#nanoTime()} (CLOCK_MONOTONIC on Linux, the C program's
 * clock) and records the signal to ISR latency; the calling thread is the device: it stamps, then
 * {@link EventFdSource#signal(int, long) signal(0, 1)}, and waits until the ISR (and with
 * {@code dpc}, the DPC) has run before the next signal, exactly as {@code eventfd_latency.c} does.
 * The ISR and DPC record into histograms created beforehand: nothing is allocated per interrupt.
 */
final class Irq4jExperiment {

    /** How long the device waits for one interrupt to be handled before it calls it lost (as in the C program). */
    static final long HANDLE_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);
    /** Spins of the device's wait before it starts yielding (as in the C program). */
    private static final int SPINS_BEFORE_YIELD = 1000;
    /** The largest latency a histogram tracks; larger ones are recorded as this. */
    static final long HIGHEST_TRACKABLE_NS = TimeUnit.SECONDS.toNanos(60);

    /*
     * Shared slots, each on its own pair of cache lines (16 longs apart) so that the device's and
     * the handlers' writes do not share a line, as the C program's _Alignas(64) fields.
     */
    /** Stamp of the last signal: written by the device (volatile) just before the signal, read by the ISR. */
    private static final int SENT_NS = 16;
    /** ISR calls so far: written by the ISR only (volatile), polled by the device. */
    private static final int ISR_CALLS = 32;
    /** Stamp of the last ISR: written by the ISR (volatile) just before it queues the DPC, read by the DPC. */
    private static final int ISR_NS = 48;
    /** DPC runs so far: written by the DPC only (volatile), polled by the device. */
    private static final int DPC_RUNS = 64;
    private final AtomicLongArray slots = new AtomicLongArray(80);

    private final LatencyMode mode;
    private final LatencyConfig config;
    /** Signal to ISR; recorded by the ISR only, read after the run. */
    private final Histogram latencies = newHistogram();
    /** ISR to DPC; recorded by the DPC only, read after the run. */
    private final Histogram dpcLatencies = newHistogram();
    /** The device's stamp to its signal call returning; recorded by the device only, after the call (off the measured path). */
    private final Histogram signalCalls = newHistogram();
    /** The dispatch thread's name as /proc shows it (15 bytes): "irq4j-isr-" and the source's name, cut. */
    private static final String DISPATCH_THREAD = "irq4j-isr-laten";

    Irq4jExperiment(LatencyMode mode, LatencyConfig config) {
        this.mode = mode;
        this.config = config;
    }

    /** A histogram of nanoseconds up to {@link #HIGHEST_TRACKABLE_NS}, 3 significant digits. */
    static Histogram newHistogram() {
        return new Histogram(HIGHEST_TRACKABLE_NS, 3);
    }

    /** Records {@code ns}, clamped to the histogram's range. Allocates nothing. */
    static void record(Histogram h, long ns) {
        h.recordValue(Math.max(0, Math.min(ns, HIGHEST_TRACKABLE_NS)));
    }

    /** The ISR: stamps, records the latency of the signal it answers, publishes its call count. */
    private boolean onIsr(Interrupt interrupt, int messageId) {
        long now = System.nanoTime();
        long sent = slots.get(SENT_NS);
        long calls = slots.getPlain(ISR_CALLS);     // its own field: no other writer
        if (calls >= config.warmup()) {
            record(latencies, now - sent);
        }
        if (config.dpc()) {
            slots.set(ISR_NS, now);
            interrupt.queueDpcForIsr();
        }
        slots.set(ISR_CALLS, calls + 1);
        return true;
    }

    /** The DPC: stamps and records the ISR to DPC latency. */
    private void onDpc(Interrupt interrupt, WdfObject device) {
        long now = System.nanoTime();
        long runs = slots.getPlain(DPC_RUNS);       // its own field: no other writer
        if (runs >= config.warmup()) {
            record(dpcLatencies, now - slots.get(ISR_NS));
        }
        slots.set(DPC_RUNS, runs + 1);
    }

    /**
     * Runs the experiment once.
     *
     * @throws IOException if the eventfd cannot be created or written
     * @throws IllegalStateException if an interrupt was not handled within 5 s (lost), or the host
     *         reported a fault or a verifier violation
     */
    RunResult run(int round) throws IOException {
        EventFdSource source = newSource(mode);
        // report-only storms: busy-poll may fire above the storm ceiling on a fast machine (SPEC 3.1)
        try (Host host = Host.builder().interruptStorm(io.github.irq4j.StormPolicy.DEFAULT.withAction(io.github.irq4j.StormPolicy.Action.REPORT)).build()) {
            Interrupt[] created = new Interrupt[1];
            InterruptConfig.Builder b = InterruptConfig.builder(this::onIsr).name("latency")
                    .dispatchMode(mode.dispatchMode()).hybridSpinNs(config.hybridSpinNs());
            if (config.dpc()) {
                b.dpc(this::onDpc);
            }
            InterruptConfig interruptConfig = b.build();
            Device device = host.addDevice("latency", d -> created[0] = d.createInterrupt(interruptConfig),
                    List.of(InterruptResource.line("latency.irq", source, 0, InterruptMode.LATCHED)));
            host.start(device);
            Interrupt irq = created[0];
            long total = config.warmup() + config.interrupts();
            long readsBefore = ThreadReadCount.of(DISPATCH_THREAD);
            long start = System.nanoTime();
            signalAll(source, total);
            long elapsed = System.nanoTime() - start;
            long readsAfter = ThreadReadCount.of(DISPATCH_THREAD);
            long handlerReads = readsBefore >= 0 && readsAfter >= readsBefore ? readsAfter - readsBefore : -1;
            awaitStatistics(irq, total);
            InterruptStatistics s = irq.statistics();
            host.stop(device);
            checkClean(host);
            return new RunResult(RunResult.IRQ4J, mode, round, total, s.signals() + s.coalesced(), s.isrCalls(),
                    s.coalesced(), elapsed, Percentiles.of(latencies), config.dpc() ? Percentiles.of(dpcLatencies) : null,
                    latencies.copy(), config.dpc() ? dpcLatencies.copy() : null, signalCalls.getValueAtPercentile(50), handlerReads);
        } finally {
            source.close();
        }
    }

    /** The system property by which {@link EventFdSource} watches its eventfd through an io_uring (a benchmark switch of irq4j-linux). */
    static final String COMPLETION_PROPERTY = "irq4j.linux.eventfd.completion";

    /** The source: for {@link LatencyMode#BUSY_POLL_URING}, one whose connections watch the eventfd through an io_uring. */
    private static synchronized EventFdSource newSource(LatencyMode mode) throws IOException {
        if (mode != LatencyMode.BUSY_POLL_URING) {
            return new EventFdSource("latency");
        }
        String before = System.getProperty(COMPLETION_PROPERTY);
        System.setProperty(COMPLETION_PROPERTY, "io_uring");   // read by the constructor only
        try {
            return new EventFdSource("latency");
        } finally {
            if (before == null) {
                System.clearProperty(COMPLETION_PROPERTY);
            } else {
                System.setProperty(COMPLETION_PROPERTY, before);
            }
        }
    }

    /** The device: {@code total} signals, paced as in the C program. */
    private void signalAll(EventFdSource source, long total) throws IOException {
        long period = config.periodNs();
        boolean dpc = config.dpc();
        long next = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long t;
            while ((t = System.nanoTime()) - next < 0) {
                Thread.onSpinWait();
            }
            slots.setRelease(SENT_NS, t);   // release, as the C device's store: a volatile store adds a full fence to the measured path
            if (!source.signal(0, 1)) {
                throw new IllegalStateException("irq4j " + mode.label() + ": the eventfd counter is full at signal " + (i + 1));
            }
            if (i >= config.warmup()) {
                record(signalCalls, System.nanoTime() - t);   // after the call, as the C device stamps after its write(2)
            }
            awaitHandled(ISR_CALLS, i + 1, t, total, "ISR");
            if (dpc) {
                awaitHandled(DPC_RUNS, i + 1, t, total, "DPC");
            }
            next = t + period;
        }
    }

    private void awaitHandled(int slot, long target, long sentNs, long total, String what) {
        long deadline = sentNs + HANDLE_TIMEOUT_NS;
        for (int spins = 0; slots.get(slot) < target; spins++) {
            if (spins < SPINS_BEFORE_YIELD) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("irq4j " + mode.label() + ": interrupt " + target + " of " + total
                            + " did not reach the " + what + " within 5 s (" + what + " runs: " + slots.get(slot) + "): lost");
                }
            }
        }
    }

    /**
     * Waits until the interrupt's counters show every signal claimed (they are updated after the
     * ISR returns), at most 5 s; the caller compares them with what was sent either way.
     */
    private static void awaitStatistics(Interrupt irq, long total) {
        long deadline = System.nanoTime() + HANDLE_TIMEOUT_NS;
        while (true) {
            InterruptStatistics s = irq.statistics();
            if (s.claimed() + s.coalesced() >= total || System.nanoTime() - deadline > 0) {
                return;
            }
            Thread.yield();
        }
    }

    private void checkClean(Host host) {
        List<Fault> faults = host.faults();
        if (!faults.isEmpty()) {
            throw new IllegalStateException("irq4j " + mode.label() + ": the host reported " + faults.size()
                    + " fault(s), the first: " + faults.get(0));
        }
        List<Violation> violations = host.violations();
        if (!violations.isEmpty()) {
            throw new IllegalStateException("irq4j " + mode.label() + ": the verifier reported " + violations.size()
                    + " violation(s), the first: " + violations.get(0));
        }
    }
}
