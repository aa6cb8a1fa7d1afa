package io.github.irq4j.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

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
 * The deadlock the {@code IWDFInterrupt::AcquireInterruptLock} page describes, on a passive
 * interrupt: the ISR, holding the interrupt lock, sends I/O to its bus; the bus completes a second
 * request on the same thread, and its completion routine calls the driver's I/O dispatch routine,
 * which calls {@code acquireLock()}: a recursive acquire by the thread that holds the lock.
 *
 * <p>With the verifier {@code OFF} there is no check: the ISR's thread blocks on the non-reentrant
 * wait lock it holds, the deadlock that page describes ({@code VerifierMode.OFF}: "a recursive
 * acquire deadlocks"). jcstress records {@code STALE} for the first state and ends the test; the
 * stuck dispatch thread and the waiting actor are daemon threads, so the forked VM still exits.
 *
 * <p>The signal does nothing: nothing outside can break a deadlocked interrupt lock (the wait lock
 * does not even return on {@link Thread#interrupt()}), so {@code TERMINATED} means the actor's
 * wait ended by itself.
 */
@JCStressTest(Mode.Termination)
@Description("Verifier OFF: a recursive acquireLock() from inside the ISR (the AcquireInterruptLock page's deadlock) deadlocks the plain wait lock")
@Outcome(id = "STALE", expect = ACCEPTABLE_INTERESTING, desc = "the deadlock the AcquireInterruptLock page describes: with the verifier OFF the non-reentrant wait lock blocks its own holder forever")
@Outcome(id = "TERMINATED", expect = FORBIDDEN, desc = "the plain wait lock let its holder in again: it is re-entrant, which the spec forbids")
@State
public class Seed000RecursiveAcquireOffTest extends Seed000State {

    /** The ISR (with the bus and the I/O dispatch routine it calls) and the state whose ISR runs next. */
    private static final Isr ISR = new Isr();

    private static final InProcessInterruptSource SOURCE = Fixture.start("seed000-off", VerifierMode.OFF,
            InterruptConfig.builder(ISR::isr).passiveHandling(true)).source;

    @Actor
    public void actor() {
        fireAndAwaitIsr(ISR, SOURCE);
    }

    @Signal
    public void signal() {
        // Deliberately empty: see the class comment.
    }
}
