package io.github.irq4j.stress;

import io.github.irq4j.Interrupt;
import io.github.irq4j.spi.InProcessInterruptSource;

/**
 * The per-state data and actor body of {@link Seed000RecursiveAcquireReportTest} and
 * {@link Seed000RecursiveAcquireOffTest}, which differ only in the verifier mode: the call chain of
 * the {@code IWDFInterrupt::AcquireInterruptLock} page's deadlock, on a passive interrupt. The ISR,
 * holding the interrupt lock, sends I/O to its bus; the bus completes a second request on the same
 * thread, and its completion routine calls the driver's I/O dispatch routine, which calls
 * {@code acquireLock()}: a recursive acquire by the thread that holds the lock.
 */
abstract class Seed000State {

    /** Set by the ISR when it is done with this state. */
    private volatile boolean isrDone;

    /** The ISR of one test class and the state whose ISR runs next. */
    static final class Isr {

        /** The state whose ISR runs next; written by the actor before it fires. */
        private volatile Seed000State target;

        /** The ISR (an {@code InterruptIsr}): checks the device by sending I/O to the bus, with the interrupt lock held (step 1). */
        boolean isr(Interrupt interrupt, int message) {
            Seed000State s = target;
            if (s == null) {
                return false;
            }
            busCompletesOnSameThread(interrupt);
            s.isrDone = true;
            return true;
        }

        /** The bus completes a second request on the calling thread (steps 2 and 3). */
        private static void busCompletesOnSameThread(Interrupt interrupt) {
            ioDispatchRoutine(interrupt);
        }

        /** The driver's I/O dispatch routine: takes the interrupt lock (step 4). */
        private static void ioDispatchRoutine(Interrupt interrupt) {
            interrupt.acquireLock();
            try {
                Thread.onSpinWait();
            } finally {
                interrupt.releaseLock();
            }
        }
    }

    /** The actor: points {@code isr} at this state, fires the line and waits, without a bound, until the ISR has finished. */
    final void fireAndAwaitIsr(Isr isr, InProcessInterruptSource source) {
        isr.target = this;
        source.fire(0);
        while (!isrDone) {
            Thread.onSpinWait();
        }
    }
}
