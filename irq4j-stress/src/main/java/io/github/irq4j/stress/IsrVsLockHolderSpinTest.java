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
public class IsrVsLockHolderSpinTest extends IsrVsHolderState {

    /** The ISR and the state it works on next. */
    private static final Isr ISR = new Isr();

    private static final Fixture FIXTURE = Fixture.start("isr-vs-holder-spin", VerifierMode.THROW,
            InterruptConfig.builder(ISR::isr));
    private static final Interrupt INTERRUPT = FIXTURE.interrupt;
    private static final InProcessInterruptSource SOURCE = FIXTURE.source;

    @Actor
    public void firer() {
        fireAndWait(ISR, SOURCE);
    }

    @Actor
    public void holder(III_Result r) {
        hold(INTERRUPT, r);
    }

    @Arbiter
    public void arbiter(III_Result r) {
        record(r);
    }
}
