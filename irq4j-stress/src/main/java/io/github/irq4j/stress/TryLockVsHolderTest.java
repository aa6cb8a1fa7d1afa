package io.github.irq4j.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptConfig;
import io.github.irq4j.VerifierMode;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * SPEC 2.4: {@code tryToAcquireLock()} on a passive interrupt (the path of an I/O callback in the
 * {@code WdfInterruptTryToAcquireLock} page's example) against a thread that holds the lock through
 * {@code acquireLock()}.
 *
 * <p>While holding, each actor raises its own flag, looks at the other's flag twice with a spin
 * between, and lowers its flag before releasing. The flags are volatile so that no store is
 * elided: if both held the lock at once, at least one of them would see the other's flag.
 * Results: r1 = whether the try succeeded, r2 = the trier saw the holder inside, r3 = the holder
 * saw the trier inside.
 */
@JCStressTest
@Description("Passive interrupt: tryToAcquireLock() never succeeds while another thread holds the lock")
@Outcome(id = "1, 0, 0", expect = ACCEPTABLE, desc = "the lock was free: the try took it; the holder waited for it or came before")
@Outcome(id = "0, 0, 0", expect = ACCEPTABLE_INTERESTING, desc = "the lock was held (by this state's holder or another's): the try returned false at once")
@Outcome(id = "1, 1, .", expect = FORBIDDEN, desc = "the try succeeded while the holder was inside")
@Outcome(id = "1, ., 1", expect = FORBIDDEN, desc = "the holder got in while the trier was inside")
@Outcome(expect = FORBIDDEN, desc = "impossible flag combination")
@State
public class TryLockVsHolderTest {

    private static final Interrupt INTERRUPT = Fixture.start("try-vs-holder", VerifierMode.THROW,
            InterruptConfig.builder((i, m) -> true).passiveHandling(true)).interrupt;

    private volatile int trierInside;
    private volatile int holderInside;

    @Actor
    public void trier(III_Result r) {
        if (INTERRUPT.tryToAcquireLock()) {
            try {
                trierInside = 1;
                int seen = holderInside;
                Thread.onSpinWait();
                seen |= holderInside;
                trierInside = 0;
                r.r2 = seen;
            } finally {
                INTERRUPT.releaseLock();
            }
            r.r1 = 1;
        }
    }

    @Actor
    public void holder(III_Result r) {
        INTERRUPT.acquireLock();
        try {
            holderInside = 1;
            int seen = trierInside;
            Thread.onSpinWait();
            seen |= trierInside;
            holderInside = 0;
            r.r3 = seen;
        } finally {
            INTERRUPT.releaseLock();
        }
    }
}
