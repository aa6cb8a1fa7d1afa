package io.github.irq4j.stress;

import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptLockScope;

/**
 * The per-state data of the tests whose actors increment a plain {@code int} under the interrupt
 * lock ({@link LockMutexSpinTest}, {@link LockMutexSpinVerifiedTest}, {@link LockMutexPassiveTest},
 * {@link LockMutexPassiveVerifiedTest}, {@link SpinLockCallMutexTest}, and through
 * {@link IsrVsHolderState} the ISR-against-holder tests): the test class, a jcstress
 * {@code @State}, extends it and its {@code @Actor} methods call these. A lost update shows as a
 * final {@link #value()} below the number of increments.
 *
 * <p>jcstress's annotation processor reads only the methods the test class declares itself, so
 * the actors stay in each test class and only their bodies live here.
 */
abstract class LockedCounter {

    /** Written only while holding the interrupt lock; plain on purpose. */
    private int x;

    /** {@code x++} between {@code acquireLock()} and {@code releaseLock()}; returns the x it saw. */
    final int incrementHolding(Interrupt interrupt) {
        interrupt.acquireLock();
        try {
            return incrementLockHeld();
        } finally {
            interrupt.releaseLock();
        }
    }

    /** {@code x++} in a {@code try (acquireLockScope())} block. */
    final void incrementInScope(Interrupt interrupt) {
        try (InterruptLockScope held = interrupt.acquireLockScope()) {
            incrementLockHeld();
        }
    }

    /** {@code x++} by a caller that already holds the interrupt lock (an ISR, a WDM spin-lock holder); returns the x it saw. */
    final int incrementLockHeld() {
        return x++;
    }

    /** The count; read by the arbiter, after the actors. */
    final int value() {
        return x;
    }
}
