package io.github.irq4j.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.github.irq4j.Interrupt;
import io.github.irq4j.Irql;
import io.github.irq4j.VerifierMode;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * SPEC 1 and 2.4, verifier {@code THROW}: one thread takes spin locks A ({@code DIRQL(0)}) and B
 * ({@code DIRQL(1)}) with {@code acquireSpinLock()}, releases A first, then B, each with the level
 * its acquire returned; another thread takes A with {@code acquireLock()} meanwhile. The release
 * out of order rewrites B's level to restore while B is held, and A passes to the other thread:
 * neither the exclusion nor either thread's levels may suffer, and no violation may be thrown.
 * Results: r1 = the first thread's level holding B only, r2 = its level after both, r3 = the
 * other thread's level inside A times 10 plus its level after, r4 = the count both incremented
 * holding A.
 */
@JCStressTest
@Description("Spin locks released out of order restore the levels of what is still held; A stays exclusive")
@Outcome(id = "4, 0, 30, 2", expect = ACCEPTABLE, desc = "DIRQL(1) holding B only, PASSIVE after; the other thread DIRQL(0) inside A, PASSIVE after")
@Outcome(id = "0, .*", expect = FORBIDDEN, desc = "releasing A dropped the thread below B's level")
@Outcome(id = "4, 3, .*", expect = FORBIDDEN, desc = "releasing B restored the level A raised to")
@Outcome(id = ".*, 1", expect = FORBIDDEN, desc = "both held A at once: one x++ was lost")
@Outcome(expect = FORBIDDEN, desc = "any other level")
@State
public class OutOfOrderReleaseTest extends LockedCounter {

    private static final Interrupt[] AB = Fixture.startTwoLevels("out-of-order", VerifierMode.THROW);

    @Actor
    public void outOfOrder(IIII_Result r) {
        Irql oldA = AB[0].acquireSpinLock();
        Irql oldB = AB[1].acquireSpinLock();
        incrementLockHeld();
        AB[0].releaseSpinLock(oldA);
        r.r1 = Irql.current().value();
        AB[1].releaseSpinLock(oldB);
        r.r2 = Irql.current().value();
    }

    @Actor
    public void other(IIII_Result r) {
        AB[0].acquireLock();
        int inside;
        try {
            inside = Irql.current().value();
            incrementLockHeld();
        } finally {
            AB[0].releaseLock();
        }
        r.r3 = inside * 10 + Irql.current().value();
    }

    @Arbiter
    public void arbiter(IIII_Result r) {
        r.r4 = value();
    }
}
