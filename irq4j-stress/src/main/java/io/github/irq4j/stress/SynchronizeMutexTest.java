package io.github.irq4j.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptConfig;
import io.github.irq4j.InterruptSynchronize;
import io.github.irq4j.SynchronizeRoutine;
import io.github.irq4j.VerifierMode;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * SPEC 2.4: {@code synchronize(callback)} (WdfInterruptSynchronize) and
 * {@code synchronizeExecution(routine, context)} (KeSynchronizeExecution) on a spin-lock interrupt,
 * verifier {@code THROW}, each run their callback holding the interrupt lock. Each callback also
 * reports the value it returned through the call.
 */
@JCStressTest
@Description("Spin-lock interrupt: synchronize() vs synchronizeExecution() run their callbacks under the lock")
@Outcome(id = "2, 1, 1", expect = ACCEPTABLE, desc = "the callbacks ran one after the other; both results came back")
@Outcome(id = "1, 1, 1", expect = FORBIDDEN, desc = "both callbacks ran at once: one x++ was lost")
@Outcome(expect = FORBIDDEN, desc = "a callback's result was not returned, or an increment is missing")
@State
public class SynchronizeMutexTest {

    private static final Interrupt INTERRUPT = Fixture.start("synchronize", VerifierMode.THROW,
            InterruptConfig.builder((i, m) -> true)).interrupt;

    /** Increments the context's x; kept in a field, so the call allocates nothing. */
    private static final SynchronizeRoutine<SynchronizeMutexTest> ROUTINE = s -> {
        s.x++;
        return true;
    };

    /** Written only inside the callbacks, under the interrupt lock; plain on purpose. */
    private int x;

    /** Increments this state's x; one per state, made before the actors run. */
    private final InterruptSynchronize callback = interrupt -> {
        x++;
        return true;
    };

    @Actor
    public void viaSynchronize(III_Result r) {
        r.r2 = INTERRUPT.synchronize(callback) ? 1 : 0;
    }

    @Actor
    public void viaSynchronizeExecution(III_Result r) {
        r.r3 = INTERRUPT.synchronizeExecution(ROUTINE, this) ? 1 : 0;
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r1 = x;
    }
}
