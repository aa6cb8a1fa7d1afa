package io.github.irq4j.stress;

import io.github.irq4j.Interrupt;
import io.github.irq4j.spi.InProcessInterruptSource;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * The per-state data and actor bodies of {@link IsrVsLockHolderSpinTest} and
 * {@link IsrVsLockHolderPassiveTest} (SPEC 2.4 "the lock is the one the ISR holds"), which differ
 * only in the interrupt's kind.
 *
 * <p>The firer points the ISR at its state ({@link Isr}, one per test class), fires the
 * in-process line and waits (bounded) until the ISR, on the dispatch thread, has done its
 * {@code x++} on that state. The holder does {@code x++} on the same state holding the interrupt
 * lock. Only the firer fires and it waits for each ISR before the next, so each fire runs the ISR
 * once, for the state the firer is on; holders of other states only add contention on the same
 * lock. Result: {@code x, isrRuns, holderSawIsr}.
 */
abstract class IsrVsHolderState extends LockedCounter {

    /** ISR runs for this state; written by the ISR only, after its x++. */
    private volatile int isrRuns;

    /** The ISR of one test class and the state it works on next. */
    static final class Isr {

        /** The state the next ISR works on; written by the firer before it fires, read by the ISR. */
        private volatile IsrVsHolderState target;

        /** The ISR (an {@code InterruptIsr}): {@code x++} on the firer's state, holding the interrupt lock. */
        boolean isr(Interrupt interrupt, int message) {
            IsrVsHolderState s = target;
            if (s != null) {
                s.incrementLockHeld();
                s.isrRuns++;
            }
            return true;
        }
    }

    /** The firer actor: points {@code isr} at this state, fires and waits (bounded) for the ISR. */
    final void fireAndWait(Isr isr, InProcessInterruptSource source) {
        isr.target = this;
        source.fire(0);
        long deadline = Spin.deadline();
        for (int round = 0; isrRuns == 0 && Spin.pause(round, deadline); round++) {
            // wait for the ISR on the dispatch thread
        }
    }

    /** The holder actor: {@code x++} holding the interrupt lock; r3 = the x it saw (1: the ISR ran first). */
    final void hold(Interrupt interrupt, III_Result r) {
        r.r3 = incrementHolding(interrupt);
    }

    /** The arbiter: r1 = x, r2 = ISR runs for this state. */
    final void record(III_Result r) {
        r.r1 = value();
        r.r2 = isrRuns;
    }
}
