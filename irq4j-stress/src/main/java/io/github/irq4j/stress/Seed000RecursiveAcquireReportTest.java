package io.github.irq4j.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
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
@Description("Verifier REPORT: seed 000's recursive acquireLock() from inside the ISR is reported and returns")
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the recursive acquireLock() in the ISR was reported (WdfInterruptLock) and returned; the ISR finished")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "the recursive acquireLock() deadlocked the dispatch thread, as seed 000 warns")
@State
public class Seed000RecursiveAcquireReportTest {

    /** The state whose ISR runs next; written by the actor before it fires. */
    private static volatile Seed000RecursiveAcquireReportTest target;

    private static final Fixture FIXTURE = Fixture.start("seed000-report", VerifierMode.REPORT,
            InterruptConfig.builder(Seed000RecursiveAcquireReportTest::isr).passiveHandling(true));
    private static final Interrupt INTERRUPT = FIXTURE.interrupt;
    private static final InProcessInterruptSource SOURCE = FIXTURE.source;

    /** Set by the ISR when it is done with this state. */
    private volatile boolean isrDone;

    /** The ISR: checks the device by sending I/O to the bus, with the interrupt lock held (step 1). */
    private static boolean isr(Interrupt interrupt, int message) {
        Seed000RecursiveAcquireReportTest s = target;
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
