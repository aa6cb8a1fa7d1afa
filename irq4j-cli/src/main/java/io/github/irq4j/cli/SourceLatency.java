package io.github.irq4j.cli;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The latency histograms of one or more {@link MeasuringSource}s: dispatch latency (wake-up to ISR
 * start) and ISR duration, each a {@link Recorder} the dispatch threads write and a total the
 * sampler adds each interval to.
 *
 * <p>Why several sources may share one. Each histogram of the run's fixed range (1 ns to 60 s, 3
 * digits) is about 200 KiB, and one source needs eight of them (two recorders of two histograms,
 * two totals, two recycled intervals): 1.7 MB, so 10,000 eventfd sources ({@code sources=K})
 * would need 17 GB. A run therefore gives the first {@link Monitor#OWN_LATENCY_SOURCES} sources one
 * each and puts all later sources in one shared set, reported as one histogram pair. A
 * {@code Recorder} takes concurrent writers without locking, so sources polled by different
 * dispatch threads can share one.
 */
final class SourceLatency {

    /** Nanoseconds from wake-up (or poll start) to ISR start; written by any dispatch thread. */
    final Recorder dispatch = Monitor.newRecorder();
    /** Nanoseconds the ISR chain of a signal ran; written by any dispatch thread. */
    final Recorder isr = Monitor.newRecorder();
    /** Everything recorded so far; sampler thread only (see {@link #collect}). */
    final Histogram dispatchTotal = Monitor.newHistogram();
    final Histogram isrTotal = Monitor.newHistogram();
    /** The interval histograms handed back to the recorders for reuse; sampler thread only. */
    private Histogram dispatchInterval;
    private Histogram isrInterval;
    /** How many sources record here. */
    private int sources;

    /** One more source records here. */
    SourceLatency addSource() {
        sources++;
        return this;
    }

    /** How many sources record here: 1 for a source's own, more for the shared set. */
    int sources() {
        return sources;
    }

    /**
     * Adds what was recorded since the last call to the totals and to the given sums over all
     * sources. Sampler thread only, once per sample however many sources share this; the interval
     * histograms are recycled, so a sample allocates nothing once they exist.
     */
    void collect(Histogram dispatchSum, Histogram isrSum) {
        dispatchInterval = dispatch.getIntervalHistogram(dispatchInterval);
        isrInterval = isr.getIntervalHistogram(isrInterval);
        dispatchTotal.add(dispatchInterval);
        isrTotal.add(isrInterval);
        dispatchSum.add(dispatchInterval);
        isrSum.add(isrInterval);
    }
}
