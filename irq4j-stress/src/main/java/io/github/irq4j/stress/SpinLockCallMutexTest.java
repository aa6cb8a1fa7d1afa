package io.github.irq4j.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptConfig;
import io.github.irq4j.Irql;
import io.github.irq4j.VerifierMode;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * SPEC 2.4: the WDM pair {@code acquireSpinLock()}/{@code releaseSpinLock(old)}
 * (KeAcquireInterruptSpinLock) takes the same lock as {@code acquireLock()}. One actor uses each;
 * the spin-lock caller also reports the old level it got back (PASSIVE, where actors run) and the
 * level it ran at while holding (the interrupt's DIRQL).
 */
@JCStressTest
@Description("Spin-lock interrupt, verifier THROW: acquireSpinLock()/releaseSpinLock(old) vs acquireLock()")
@Outcome(id = "2, 1, 1", expect = ACCEPTABLE, desc = "the holders ran one after the other; old level PASSIVE, held at DIRQL")
@Outcome(id = "1, 1, 1", expect = FORBIDDEN, desc = "both held the lock at once: one x++ was lost")
@Outcome(expect = FORBIDDEN, desc = "a lost update, or acquireSpinLock() returned a wrong old level or did not raise")
@State
public class SpinLockCallMutexTest extends LockedCounter {

    private static final Interrupt INTERRUPT = Fixture.start("spin-lock-call", VerifierMode.THROW,
            InterruptConfig.builder((i, m) -> true)).interrupt;

    @Actor
    public void wdmCaller(III_Result r) {
        Irql old = INTERRUPT.acquireSpinLock();
        try {
            incrementLockHeld();
            r.r3 = Irql.current().isDirql() ? 1 : 0;
        } finally {
            INTERRUPT.releaseSpinLock(old);
        }
        r.r2 = old == Irql.PASSIVE ? 1 : 0;
    }

    @Actor
    public void wdfCaller() {
        incrementHolding(INTERRUPT);
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r1 = value();
    }
}
