package io.github.irq4j.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
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
 * <p>With the verifier in {@code REPORT} mode the recursive acquire is reported as {@code WdfInterruptLock}
 * and returns without acquiring (SPEC 2.4: "reported instead of deadlocking"); the dispatch
 * routine's {@code releaseLock()} inside the ISR is reported too and leaves the ISR's hold alone, and
 * the ISR ends normally. The one actor fires the line and waits, without a bound, for the ISR to
 * finish; jcstress records {@code TERMINATED} if it returns and {@code STALE} if it hangs.
 *
 * <p>The signal does nothing: nothing outside can break a deadlocked interrupt lock (the wait lock
 * does not even return on {@link Thread#interrupt()}), so {@code TERMINATED} means the actor's
 * wait ended by itself.
 */
@JCStressTest(Mode.Termination)
@Description("Verifier REPORT: a recursive acquireLock() from inside the ISR (the AcquireInterruptLock page's deadlock) is reported and returns")
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the recursive acquireLock() in the ISR was reported (WdfInterruptLock) and returned; the ISR finished")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "the recursive acquireLock() deadlocked the dispatch thread, as the AcquireInterruptLock page warns")
@State
public class Seed000RecursiveAcquireReportTest extends Seed000State {

    /** The ISR (with the bus and the I/O dispatch routine it calls) and the state whose ISR runs next. */
    private static final Isr ISR = new Isr();

    private static final InProcessInterruptSource SOURCE = Fixture.start("seed000-report", VerifierMode.REPORT,
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
