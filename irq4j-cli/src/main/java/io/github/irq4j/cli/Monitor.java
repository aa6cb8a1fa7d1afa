package io.github.irq4j.cli;

import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptResource;
import io.github.irq4j.Resource;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What a run measures besides the framework's counters: dispatch latency and ISR time from the
 * {@link MeasuringSource}s, DPC/work-item latency from a driver that offers a probe, and
 * interrupts per CPU by sampling the dispatch threads' CPU every {@link #SAMPLE_MS} ms.
 */
final class Monitor {

    static final long SAMPLE_MS = 10;
    /**
     * The largest latency the histograms hold: 60 s (longer values count as 60 s). A fixed range
     * means recording never resizes (see {@link MeasuringSource}); 3 significant digits over
     * 1 ns .. 60 s is about 200 KiB per histogram.
     */
    static final long HIGHEST_NS = 60_000_000_000L;

    /**
     * Sources with histograms of their own; later ones share one set ({@link SourceLatency} says
     * why): enough for the live view's rows and any real device, bounded for {@code sources=10000}.
     */
    static final int OWN_LATENCY_SOURCES = 64;

    private final Map<Object, MeasuringSource> sources = new IdentityHashMap<>();
    /** Each distinct latency set once, in the order made; the shared one, if any, last made. */
    private final List<SourceLatency> latencies = new ArrayList<>();
    /** The set the sources after the first {@link #OWN_LATENCY_SOURCES} share; made with the first of them. */
    private SourceLatency shared;
    /** Nanoseconds from ISR start to DPC or work-item start, fed by the driver's probe. */
    final Recorder deferredLatency = newRecorder();
    /** The sums over all sources; sampler (main) thread only, as are the per-source totals. */
    final Histogram dispatchLatency = newHistogram();
    final Histogram isrDuration = newHistogram();
    final Histogram deferred = newHistogram();
    /** The deferred recorder's interval histogram, recycled; sampler thread only. */
    private Histogram deferredInterval;
    final int cpus = Runtime.getRuntime().availableProcessors();
    /** Per interrupt (creation order): ISR calls seen on each CPU; index cpus = unknown CPU. Sampler thread only, copied under this. */
    private long[][] perCpu = new long[0][];
    private long[] lastIsrCalls = new long[0];
    private List<Interrupt> interrupts = List.of();
    private List<MeasuringSource> sourceOfInterrupt = List.of();

    /** Replaces each interrupt resource's source by a measuring decorator (one per distinct source). */
    List<Resource> wrap(List<Resource> resources) {
        List<Resource> out = new ArrayList<>(resources.size());
        for (Resource r : resources) {
            if (r instanceof InterruptResource ir) {
                MeasuringSource m = sources.computeIfAbsent(ir.source(), s -> MeasuringEdgeSource.wrap(ir.source(), nextLatency()));
                out.add(new InterruptResource(ir.name(), m, ir.message(), ir.vector(), ir.dirqlIndex(), ir.mode(),
                        ir.polarity(), ir.shareDisposition(), ir.messageSignaled(), ir.targetProcessorSet()));
            } else {
                out.add(r);
            }
        }
        return out;
    }

    /** The latency set of the next new source: its own while fewer than {@link #OWN_LATENCY_SOURCES} have one, else the shared one. */
    private synchronized SourceLatency nextLatency() {
        if (latencies.size() < OWN_LATENCY_SOURCES) {
            SourceLatency own = new SourceLatency();
            latencies.add(own);
            return own;
        }
        if (shared == null) {
            shared = new SourceLatency();
            latencies.add(shared);
        }
        return shared;
    }

    /** Starts per-CPU accounting for the device's interrupts, matched to sources in resource order. */
    synchronized void track(List<Interrupt> list, List<Resource> wrappedResources) {
        List<MeasuringSource> byResource = new ArrayList<>();
        for (Resource r : wrappedResources) {
            if (r instanceof InterruptResource ir && ir.source() instanceof MeasuringSource m) {
                byResource.add(m);
            }
        }
        List<MeasuringSource> map = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            map.add(byResource.isEmpty() ? null : byResource.get(Math.min(i, byResource.size() - 1)));
        }
        interrupts = List.copyOf(list);
        sourceOfInterrupt = map;
        perCpu = new long[list.size()][cpus + 1];
        lastIsrCalls = new long[list.size()];
    }

    /** Offers the deferred-latency probe to a driver with a public {@code setDeferredLatencyProbe(LongConsumer)}. */
    boolean attachProbe(Object driver) {
        try {
            driver.getClass().getMethod("setDeferredLatencyProbe", LongConsumer.class)
                    .invoke(driver, (LongConsumer) ns -> deferredLatency.recordValue(clamp(ns)));
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** One sample: attributes ISR calls since the last sample to the CPU each dispatch thread is on now. */
    synchronized void sample() {
        for (int i = 0; i < interrupts.size(); i++) {
            long calls = interrupts.get(i).statistics().isrCalls();
            long delta = calls - lastIsrCalls[i];
            if (delta > 0) {
                MeasuringSource m = sourceOfInterrupt.get(i);
                int cpu = m == null ? -1 : m.currentCpu();
                perCpu[i][cpu < 0 || cpu >= cpus ? cpus : cpu] += delta;
                lastIsrCalls[i] = calls;
            }
        }
        for (SourceLatency l : latencies) {
            l.collect(dispatchLatency, isrDuration);
        }
        deferredInterval = deferredLatency.getIntervalHistogram(deferredInterval);
        deferred.add(deferredInterval);
    }

    /** A recorder of the fixed range 1 ns .. {@link #HIGHEST_NS}, 3 significant digits: recording never resizes. */
    static Recorder newRecorder() {
        return new Recorder(1, HIGHEST_NS, 3);
    }

    /** A histogram of the recorders' range. */
    static Histogram newHistogram() {
        return new Histogram(1, HIGHEST_NS, 3);
    }

    /** {@code ns} inside the histograms' range: negative (a clock step) as 0, beyond {@link #HIGHEST_NS} as that. */
    static long clamp(long ns) {
        return Math.max(0, Math.min(ns, HIGHEST_NS));
    }

    /** The measuring source of interrupt {@code index} (creation order), or null. */
    synchronized MeasuringSource sourceOf(int index) {
        return index < sourceOfInterrupt.size() ? sourceOfInterrupt.get(index) : null;
    }

    /** A copy of the per-CPU counts. */
    synchronized long[][] perCpu() {
        long[][] copy = new long[perCpu.length][];
        for (int i = 0; i < perCpu.length; i++) {
            copy[i] = perCpu[i].clone();
        }
        return copy;
    }

    synchronized List<Interrupt> interrupts() {
        return interrupts;
    }
}
