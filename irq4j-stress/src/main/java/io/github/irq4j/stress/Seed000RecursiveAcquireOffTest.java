package io.github.irq4j.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptConfig;
import io.github.irq4j.VerifierMode;
import io.github.irq4j.spi.InProcessInterruptSource;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

/**
 * The deadlock of seed 000 (IWDFInterrupt::AcquireInterruptLock) on a passive interrupt: the ISR,
 * holding the interrupt lock, sends I/O to its bus; the bus completes a second request on the same
 * thread, and its completion routine calls the driver's I/O dispatch routine, which calls
 * {@code acquireLock()}: a recursive acquire by the thread that holds the lock.
 *
 * <p>With the verifier {@code OFF} there is no check: the ISR's thread blocks on the non-reentrant wait
 * lock it holds, the deadlock of seed 000 ({@code VerifierMode.OFF}: "a recursive acquire
 * deadlocks"). jcstress records {@code STALE} for the first state and ends the test; the stuck
 * dispatch thread and the waiting actor are daemon threads, so the forked VM still exits.
 *
 * <p>The signal does nothing: nothing outside can break a deadlocked interrupt lock (the wait lock
 * does not even return on {@link Thread#interrupt()}), so {@code TERMINATED} means the actor's
 * wait ended by itself.
 */
@JCStressTest(Mode.Termination)
@Description("Verifier OFF: seed 000's recursive acquireLock() from inside the ISR deadlocks the plain wait lock")
@Outcome(id = "STALE", expect = ACCEPTABLE_INTERESTING, desc = "the deadlock seed 000 describes: with the verifier OFF the non-reentrant wait lock blocks its own holder forever")
@Outcome(id = "TERMINATED", expect = FORBIDDEN, desc = "the plain wait lock let its holder in again: it is re-entrant, which the spec forbids")
@State
public class Seed000RecursiveAcquireOffTest {

    /** The state whose ISR runs next; written by the actor before it fires. */
    private static volatile Seed000RecursiveAcquireOffTest target;

    private static final Fixture FIXTURE = Fixture.start("seed000-off", VerifierMode.OFF,
            InterruptConfig.builder(Seed000RecursiveAcquireOffTest::isr).passiveHandling(true));
    private static final Interrupt INTERRUPT = FIXTURE.interrupt;
    private static final InProcessInterruptSource SOURCE = FIXTURE.source;

    /** Set by the ISR when it is done with this state. */
    private volatile boolean isrDone;

    /** The ISR: checks the device by sending I/O to the bus, with the interrupt lock held (step 1). */
    private static boolean isr(Interrupt interrupt, int message) {
        Seed000RecursiveAcquireOffTest s = target;
        if (s == null) {
            return false;
        }
        busCompletesOnSameThread();
        s.isrDone = true;
        return true;
    }

    /** The bus completes a second request on the calling thread (steps 2 and 3). */
    private static void busCompletesOnSameThread() {
        ioDispatchRoutine();
    }

    /** The driver's I/O dispatch routine: takes the interrupt lock (step 4). */
    private static void ioDispatchRoutine() {
        INTERRUPT.acquireLock();
        try {
            Thread.onSpinWait();
        } finally {
            INTERRUPT.releaseLock();
        }
    }

    @Actor
    public void actor() {
        target = this;
        SOURCE.fire(0);
        while (!isrDone) {
            Thread.onSpinWait();
        }
    }

    @Signal
    public void signal() {
        // Deliberately empty: see the class comment.
    }
}
