package io.github.irq4j.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptConfig;
import io.github.irq4j.VerifierMode;
import io.github.irq4j.spi.InProcessInterruptSource;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * SPEC 2.4 "the lock is the one the ISR holds", on a spin-lock (DIRQL) interrupt: the ISR runs at DIRQL holding the spin lock.
 *
 * <p>The {@code firer} actor points the ISR at its state, fires the in-process line and waits
 * (bounded) until the ISR, on the dispatch thread, has done its {@code x++} on that state. The
 * {@code holder} actor does {@code x++} on the same state holding the interrupt lock. Only the
 * firer fires and it waits for each ISR before the next, so each fire runs the ISR once, for the
 * state the firer is on; holders of other states only add contention on the same lock.
 */
@JCStressTest
@Description("Spin interrupt: the ISR and a lock holder never run at once (no lost update)")
@Outcome(id = "2, 1, 0", expect = ACCEPTABLE, desc = "the holder ran first, then the ISR")
@Outcome(id = "2, 1, 1", expect = ACCEPTABLE, desc = "the ISR ran first, then the holder")
@Outcome(id = "1, 1, .", expect = FORBIDDEN, desc = "the ISR ran while the holder held the lock: an update was lost")
@Outcome(id = "., 0, .", expect = FORBIDDEN, desc = "the ISR did not run within the timeout")
@Outcome(expect = FORBIDDEN, desc = "the ISR ran more than once for one fire")
@State
public class IsrVsLockHolderSpinTest {

    /** The state the next ISR works on; written by the firer before it fires, read by the ISR. */
    private static volatile IsrVsLockHolderSpinTest target;

    private static final Fixture FIXTURE = Fixture.start("isr-vs-holder-spin", VerifierMode.THROW,
            InterruptConfig.builder(IsrVsLockHolderSpinTest::isr));
    private static final Interrupt INTERRUPT = FIXTURE.interrupt;
    private static final InProcessInterruptSource SOURCE = FIXTURE.source;

    /** Written by the ISR and the holder, each holding the interrupt lock; plain on purpose. */
    private int x;
    /** ISR runs for this state; written by the ISR only, after its x++. */
    private volatile int isrRuns;

    private static boolean isr(Interrupt interrupt, int message) {
        IsrVsLockHolderSpinTest s = target;
        if (s != null) {
            s.x++;
            s.isrRuns++;
        }
        return true;
    }

    @Actor
    public void firer() {
        target = this;
        SOURCE.fire(0);
        long deadline = Spin.deadline();
        for (int round = 0; isrRuns == 0 && Spin.pause(round, deadline); round++) {
            // wait for the ISR on the dispatch thread
        }
    }

    @Actor
    public void holder(III_Result r) {
        INTERRUPT.acquireLock();
        try {
            r.r3 = x;
            x++;
        } finally {
            INTERRUPT.releaseLock();
        }
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r1 = x;
        r.r2 = isrRuns;
    }
}
