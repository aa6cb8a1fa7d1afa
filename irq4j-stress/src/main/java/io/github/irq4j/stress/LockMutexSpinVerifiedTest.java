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
 * SPEC 2.4 with the runtime verifier on ({@code THROW}): its racy owner checks must not break the
 * exclusion. One holder uses {@code acquireLock()}/{@code releaseLock()}, the other the
 * try-with-resources {@code acquireLockScope()}.
 */
@JCStressTest
@Description("Spin-lock interrupt, verifier THROW: acquireLock() vs acquireLockScope() exclude each other")
@Outcome(id = "2", expect = ACCEPTABLE, desc = "the holders ran one after the other")
@Outcome(id = "1", expect = FORBIDDEN, desc = "both held the lock at once: one x++ was lost")
@Outcome(expect = FORBIDDEN, desc = "impossible: each actor increments once")
@State
public class LockMutexSpinVerifiedTest extends LockedCounter {

    private static final Interrupt INTERRUPT = Fixture.start("mutex-spin-verified", VerifierMode.THROW,
            InterruptConfig.builder((i, m) -> true)).interrupt;

    @Actor
    public void holder() {
        incrementHolding(INTERRUPT);
    }

    @Actor
    public void scopedHolder() {
        incrementInScope(INTERRUPT);
    }

    @Arbiter
    public void arbiter(I_Result r) {
        r.r1 = value();
    }
}
