package io.github.irq4j.internal;

/**
 * The lock underneath an interrupt lock or a callback lock: a spin lock or a passive wait lock.
 * Subclasses supply the acquire protocol; this class holds what the verifier and the level
 * bookkeeping need.
 *
 * <p>Fields other than the lock word are written only by the thread that holds the lock, while it
 * holds it, so the lock's own acquire/release ordering publishes them to the next holder.
 */
public abstract class LockCore {

    /** A name for messages: the interrupt's or the lock object's. */
    final String name;

    /**
     * The level value a holder runs at: {@code DIRQL} value for interrupt spin locks (the highest of
     * the interrupts sharing it; raised under the device's creation, before any connect),
     * {@code DISPATCH} for callback spin locks, {@code PASSIVE} for wait locks.
     */
    volatile int syncIrql;

    /** The holder's level before it acquired; restored at release. Written by the holder. */
    int savedIrql;

    /** Where the holder acquired ("Uart.java:42", "ISR of 'uart0'"), or null. Written by the holder. */
    String acquiredAt;

    /**
     * The lock class's name for lock-order validation ({@link LockOrder}), such as
     * {@code "interrupt 'uart0'"}; set by whoever gives the lock its role before first use, else
     * derived from the kind and name. Classes are per name, so the same role on every device is one class.
     */
    String classKey;

    /** The lock's class once {@link LockOrder} resolved it; a benign race (every thread resolves the same one). */
    LockOrder.LockClass lockClass;

    /**
     * The acquire site of the last ISR that ran holding this lock, written by the ISR's thread
     * holding it; the lock is in ISR context while {@link #acquiredAt} is this very string.
     */
    String isrSite;

    /**
     * Holds so far, counted by the holder at each acquire: the watchdog (SPEC 4.4) tells one long
     * hold from many short ones by it, without a timestamp on the lock path. Racy reads by the watchdog.
     */
    int holds;

    LockCore(String name, int syncIrql) {
        this.name = name;
        this.syncIrql = syncIrql;
    }

    /** The lock class's name for {@link LockOrder}. */
    final String classKey() {
        String k = classKey;
        return k != null ? k : (isPassive() ? "wait lock '" : "spin lock '") + name + "'";
    }

    /** Whether an ISR holds the lock now (so locks its holder takes are taken in ISR context). Holder's view. */
    final boolean heldByIsr() {
        String at = acquiredAt;
        return at != null && at == isrSite;
    }

    /** Whether this is a passive wait lock. */
    abstract boolean isPassive();

    /** Takes the lock if free; never blocks. */
    abstract boolean tryAcquire(Thread self);

    /** Takes the lock, waiting until it is free. */
    abstract void acquire(Thread self);

    /** Frees the lock. Caller holds it. */
    abstract void release();

    /** The thread that holds the lock, or null. A racy snapshot for other threads; exact for the holder. */
    abstract Thread owner();

    /**
     * The holder's bookkeeping right after the thread of {@code ts} took the lock word: records its
     * level and {@code site}, raises its level to the synchronize level (spin locks) and pushes the
     * lock on its held list. Allocates nothing.
     */
    final void heldBy(ThreadState ts, String site) {
        savedIrql = ts.irql;
        acquiredAt = site;
        holds++;
        if (!isPassive() && syncIrql > ts.irql) {
            ts.irql = syncIrql;
        }
        ts.push(this);
    }

    /** Undoes {@link #heldBy} (restoring the saved level), then frees the lock word last. */
    final void releasedBy(ThreadState ts) {
        ts.remove(this);
        ts.irql = savedIrql;
        acquiredAt = null;
        release();
    }

    /** Raises the synchronize level to at least {@code value}. */
    final void raiseSyncIrql(int value) {
        if (value > syncIrql) {
            syncIrql = value;
        }
    }
}
