package io.github.irq4j.bench.latency;

import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * One run of the experiment by one side, with its loss accounting. Every signal is its own
 * interrupt (the device waits until it was handled), so a clean run has
 * {@code handledEdges == sent}, {@code handlerCalls == sent} and {@code coalesced == 0}.
 *
 * @param side {@link #C} or {@link #IRQ4J}
 * @param mode how the handler waited
 * @param round 1-based round number
 * @param sent signals the device wrote, warm-up included
 * @param handledEdges edges the handler side read from the eventfd counter (the sum of the counts)
 * @param handlerCalls handler (ISR) calls
 * @param coalesced edges merged into an earlier read (count - 1, summed)
 * @param elapsedNs the run's duration, warm-up included
 * @param latency signal to handler, over the recorded (non-warm-up) interrupts
 * @param isrToDpc ISR to DPC, or {@code null} (the C side; irq4j runs without a DPC)
 * @param latencyHistogram the distribution {@code latency} was taken from (ns), or {@code null} when not kept
 * @param isrToDpcHistogram the distribution of {@code isrToDpc} (ns), or {@code null}
 * @param signalCallNs the device's stamp to its signal call returning (C: {@code write(2)}; irq4j:
 *        {@code EventFdSource.signal}), median over the recorded interrupts: the part of the latency
 *        spent before and in the write; -1 if unknown
 * @param handlerReads {@code read(2)} calls of the handler thread during the run, the empty polls
 *        included (irq4j: the dispatch thread's {@code syscr} in {@code /proc}); -1 if unknown
 */
public record RunResult(String side, LatencyMode mode, int round, long sent, long handledEdges, long handlerCalls,
                        long coalesced, long elapsedNs, Percentiles latency, Percentiles isrToDpc,
                        Histogram latencyHistogram, Histogram isrToDpcHistogram, long signalCallNs, long handlerReads) {

    /** The C baseline. */
    public static final String C = "C";
    /** The same experiment through irq4j. */
    public static final String IRQ4J = "irq4j";

    public RunResult {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(latency, "latency");
    }

    /** A result without its histograms (the percentiles only) and without the path's costs. */
    public RunResult(String side, LatencyMode mode, int round, long sent, long handledEdges, long handlerCalls,
                     long coalesced, long elapsedNs, Percentiles latency, Percentiles isrToDpc) {
        this(side, mode, round, sent, handledEdges, handlerCalls, coalesced, elapsedNs, latency, isrToDpc, null, null, -1, -1);
    }

    /** A result without the path's costs. */
    public RunResult(String side, LatencyMode mode, int round, long sent, long handledEdges, long handlerCalls,
                     long coalesced, long elapsedNs, Percentiles latency, Percentiles isrToDpc,
                     Histogram latencyHistogram, Histogram isrToDpcHistogram) {
        this(side, mode, round, sent, handledEdges, handlerCalls, coalesced, elapsedNs, latency, isrToDpc,
                latencyHistogram, isrToDpcHistogram, -1, -1);
    }

    /**
     * The run's time per {@code read(2)} of the handler, in ns: in busy-poll, where the handler polls
     * all the time, one poll's cost (the syscall and the loop around it); -1 if unknown.
     */
    public double nsPerHandlerRead() {
        return handlerReads > 0 ? (double) elapsedNs / handlerReads : -1;
    }

    /**
     * Whether every signal was handled exactly once: the edges read equal the signals written, and
     * each edge reached the handler in a call of its own or counted as coalesced into one.
     */
    public boolean nothingLost() {
        return handledEdges == sent && handlerCalls + coalesced == handledEdges;
    }
}
