package io.github.irq4j.internal;

import io.github.irq4j.InterruptStatistics;

/**
 * An interrupt's dispatch counters. Written by the dispatch thread only, with plain accesses (no
 * allocation, no fence on the ISR path); {@link InterruptImpl#statistics()} reads them racily, so a
 * snapshot may lag the dispatch thread by a few signals.
 */
final class IsrCounters {

    /** Signals the line delivered while the interrupt was connected. */
    long signals;
    /** Signals merged into another (a count above one). */
    long coalesced;
    long isrCalls;
    long claimed;
    /** Signals its line delivered while it was connected but not enabled: its ISR did not run. */
    long droppedWhileDisabled;
    /** The value of {@code signals} when a signal was last counted as dropped: a shared edge line runs several passes per signal. */
    private long droppedAtSignal;

    /** One signal of {@code count} merged edges reached the interrupt's line. */
    void signalled(long count) {
        signals++;
        coalesced += count - 1;
    }

    /** The ISR was not called because the interrupt is not enabled; counted once per signal. */
    void droppedWhileDisabled() {
        if (droppedAtSignal != signals) {
            droppedAtSignal = signals;
            droppedWhileDisabled++;
        }
    }

    /**
     * The statistics: these counters with the ISR's contained faults, the source's lost signals and
     * the deferred calls' counts (null: not configured).
     */
    InterruptStatistics snapshot(long isrFaults, long sourceLost, DeferredCall dpc, DeferredCall work) {
        return new InterruptStatistics(signals, isrCalls, claimed, isrFaults, coalesced, sourceLost + droppedWhileDisabled,
                dpc == null ? 0 : dpc.queuedCount(), dpc == null ? 0 : dpc.runCount(),
                work == null ? 0 : work.queuedCount(), work == null ? 0 : work.runCount());
    }
}
