package io.github.irq4j.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptConfig;
import io.github.irq4j.VerifierMode;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * SPEC 2.4: {@code acquireLock()}/{@code releaseLock()} of a passive-level interrupt (the
 * non-reentrant wait lock), verifier {@code THROW}: two holders each do a plain read-modify-write.
 */
@JCStressTest
@Description("Passive interrupt, verifier THROW: acquireLock()/releaseLock() excludes the other holder")
@Outcome(id = "2", expect = ACCEPTABLE, desc = "the holders ran one after the other: each x++ saw the other's write")
@Outcome(id = "1", expect = FORBIDDEN, desc = "both held the lock at once: one x++ was lost")
@Outcome(expect = FORBIDDEN, desc = "impossible: each actor increments once")
@State
public class LockMutexPassiveVerifiedTest extends LockedCounter {

    private static final Interrupt INTERRUPT = Fixture.start("mutex-passive-verified", VerifierMode.THROW,
            InterruptConfig.builder((i, m) -> true).passiveHandling(true)).interrupt;

    @Actor
    public void holder1() {
        incrementHolding(INTERRUPT);
    }

    @Actor
    public void holder2() {
        incrementHolding(INTERRUPT);
    }

    @Arbiter
    public void arbiter(I_Result r) {
        r.r1 = value();
    }
}
