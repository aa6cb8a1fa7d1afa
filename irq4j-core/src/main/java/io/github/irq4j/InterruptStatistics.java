package io.github.irq4j;

/**
 * Counters of one interrupt, like a row of {@code /proc/interrupts}. A snapshot; each counter is
 * read once, without a lock.
 *
 * @param signals signals its line delivered while it was connected
 * @param isrCalls calls of its ISR
 * @param claimed ISR calls that returned {@code true}
 * @param isrFaults ISR calls that threw
 * @param coalesced edges merged into an earlier signal by the source (eventfd count &gt; 1, timer overruns)
 * @param lost signals the source reports as lost (UIO count gaps, GPIO {@code seqno} gaps), plus
 *             signals its line delivered while it was connected but disabled (its ISR did not run),
 *             plus signals its line delivered while none of its interrupts was connected (another
 *             line of the same source kept the source open, as during a device's power-up and power-down);
 *             a signal raised before {@code stop()} or {@code disable()} is delivered before the call
 *             returns, so it is never among these
 * @param dpcQueued successful {@code queueDpcForIsr()} calls
 * @param dpcRuns DPC runs
 * @param workItemQueued successful {@code queueWorkItemForIsr()} calls
 * @param workItemRuns work-item runs
 */
public record InterruptStatistics(long signals, long isrCalls, long claimed, long isrFaults, long coalesced, long lost,
                                  long dpcQueued, long dpcRuns, long workItemQueued, long workItemRuns) {
}
