package io.github.irq4j.stress;

import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * What one jcstress state of a coalescing test observed: the two actors' requests and the
 * deferred-callback runs they caused. Filled by the actors and the callback through
 * {@link CoalescingArena}; read by the arbiter.
 */
final class CoalescingProbe {

    /** Callback runs that started while this state owned the deferred call (plus stray runs). */
    final AtomicInteger starts = new AtomicInteger();
    /** Callback runs that ended while this state owned the deferred call (plus stray runs). */
    final AtomicInteger runs = new AtomicInteger();
    /** Actors that have made their request; the second one waits for the runs and hands the call on. */
    final AtomicInteger arrived = new AtomicInteger();

    /** Per actor: 1 if its queue call returned true. Written by that actor before it arrives. */
    final int[] queued = new int[2];
    /** Per actor: {@link #starts} read just before its queue call. Written by that actor before it arrives. */
    final int[] startsBefore = new int[2];

    // Written by the last actor to arrive, before it hands the call on; read by the arbiter.
    int trues;
    int finalRuns;
    /** 1 if a run started after every request and every queued run ended before the timeout. */
    int served;

    /** The arbiter's result: r1 = calls that returned {@code true}, r2 = runs they caused, r3 = {@link #served}. */
    void record(III_Result r) {
        r.r1 = trues;
        r.r2 = finalRuns;
        r.r3 = served;
    }
}
