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
 * SPEC 1: the lock finds the calling thread's level through a racy one-entry cache of the last
 * thread's state (LockCore.stateOf) instead of the thread-local. Two threads take the spin lock
 * at once, each reading its own level (through the thread-local, not the cache) inside and after:
 * a thread that used the other's state would be raised in the other's state, not its own.
 * Verifier {@code OFF}, so nothing else looks at the state. Results: per thread its level inside
 * times 10 plus its level after, then the count.
 */
@JCStressTest
@Description("Spin-lock interrupt, verifier OFF: each holder raises and restores its own level, never the other's")
@Outcome(id = "30, 30, 2", expect = ACCEPTABLE, desc = "each ran at DIRQL(0) holding the lock and at PASSIVE after")
@Outcome(id = ".*, 1", expect = FORBIDDEN, desc = "both held the lock at once: one x++ was lost")
@Outcome(expect = FORBIDDEN, desc = "a thread's level was not raised, or not restored: it used the other's state")
@State
public class LockStateCacheTest extends LockedCounter {

    private static final Interrupt INTERRUPT = Fixture.start("state-cache", VerifierMode.OFF,
            InterruptConfig.builder((i, m) -> true)).interrupt;

    @Actor
    public void holder1(III_Result r) {
        r.r1 = holdAndLevels();
    }

    @Actor
    public void holder2(III_Result r) {
        r.r2 = holdAndLevels();
    }

    private int holdAndLevels() {
        int inside;
        INTERRUPT.acquireLock();
        try {
            inside = Irql.current().value();
            incrementLockHeld();
        } finally {
            INTERRUPT.releaseLock();
        }
        return inside * 10 + Irql.current().value();
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r3 = value();
    }
}
