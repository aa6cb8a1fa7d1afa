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

    /**
     * The level to restore at release: the holder's level before it acquired, which is what
     * {@code acquireSpinLock()} returned, unless a release out of order lowered it since
     * ({@link #releasedOutOfOrder}). Written by the holder.
     */
    int savedIrql;

    /**
     * What {@link #savedIrql} was at acquire, kept when a release out of order rebased it during
     * the hold whose {@link #holds} count is {@link #rebasedHold} (-1: none yet). Written by the
     * holder, plain; valid only while {@code rebasedHold == holds}, so no later hold has to clear it.
     */
    private int returnedIrql;
    private int rebasedHold = -1;

    /**
     * The state of the last thread that looked itself up through this lock ({@link #stateOf}): a
     * cache that spares the thread-local on each lock call of a foreign thread. Written plain by
     * any thread that missed, read racily by every caller: a reference is read whole, and a thread
     * uses what it read only if {@link ThreadState#thread} (final, so safely published) is itself.
     */
    private ThreadState lastState;

    /** Where the holder acquired ("Uart.java:42", "ISR of 'uart0'"), or null. Written by the holder. */
    String acquiredAt;

    /**
     * The lock class's name for lock-order validation ({@link LockOrder}), such as
     * {@code "interrupt 'uart0'"}; set by whoever gives the lock its role before first use, else
     * derived from the kind and name. Classes are per name, so the same role on every device is one class.
     */
    String classKey;
    /**
     * Whether the lock is an interrupt's own (set with {@link #classKey} still null, before first use):
     * its class is then {@code "interrupt 'NAME'"}, built by {@link #classKey()} when lock-order
     * validation first resolves it, so an interrupt keeps no string for it.
     */
    boolean interruptsOwn;

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
        return k != null ? k : (interruptsOwn ? "interrupt '" : isPassive() ? "wait lock '" : "spin lock '") + name + "'";
    }

    /** Whether an ISR holds the lock now (so locks its holder takes are taken in ISR context). Holder's view. */
    final boolean heldByIsr() {
        String at = acquiredAt;
        return at != null && at == isrSite;
    }

    /**
     * The calling thread's state ({@code self} is {@code Thread.currentThread()}): {@link ThreadState#current()}
     * without its thread-local lookup when this thread was the last to ask this lock, as a
     * driver thread that takes the lock again and again is. Allocates nothing (but what
     * {@code current()} allocates once per thread).
     */
    final ThreadState stateOf(Thread self) {
        ThreadState s = lastState;
        if (s != null && s.thread == self) {
            return s;
        }
        s = ThreadState.current();
        lastState = s;
        return s;
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
        if (!isPassive()) {
            int sync = syncIrql; // one volatile read
            if (sync > ts.irql) {
                ts.irql = sync;
            }
        }
        ts.push(this);
    }

    /**
     * Undoes {@link #heldBy} (restoring the saved level), then frees the lock word last. Released
     * out of order (a lock taken after this one is still held), the level becomes what the thread
     * would have had with the later locks alone ({@link #releasedOutOfOrder}).
     */
    final void releasedBy(ThreadState ts) {
        if (ts.popIfNewest(this)) {
            ts.irql = savedIrql;
        } else {
            releasedOutOfOrder(ts);
        }
        acquiredAt = null;
        release();
    }

    /**
     * A release of a lock that is not the thread's newest (A, B acquired; A released). Restoring
     * A's saved level would drop a thread that still holds B below B's level, and B's release
     * would later restore the level A raised to; {@code KeReleaseInterruptSpinLock} lowers to the
     * {@code OldIrql} it is given, which a driver releasing out of order must pick by hand. Here
     * each lock taken after this one is given the level it would have found without this one, and
     * the thread's level is the one the newest of them leaves. The walk stops at a lock taken at
     * a level the locks before it do not explain (a callback frame entered in between sets its own
     * and restores it when it returns). Not held by this thread at all (verifier OFF): nothing of
     * this thread's to restore.
     */
    private void releasedOutOfOrder(ThreadState ts) {
        int index = ts.indexOf(this);
        if (index < 0) {
            return;
        }
        int with = raised(savedIrql);   // the level each later lock found, with this one held
        int without = savedIrql;        // and the one it would have found without it
        boolean explained = true;
        for (int i = index + 1, n = ts.heldCount; i < n; i++) {
            LockCore later = ts.held(i);
            if (later.savedIrql != with) {
                explained = false;
                break;
            }
            with = later.raised(with);
            later.rebase(without);
            without = later.raised(without);
        }
        ts.removeAt(index);
        if (explained && ts.irql == with) {
            ts.irql = without;
        }
    }

    /** The level a holder runs at when it took this lock at {@code level}: a spin lock raises it, a wait lock keeps it. */
    private int raised(int level) {
        return isPassive() ? level : Math.max(level, syncIrql);
    }

    /** Lowers the level to restore at release to {@code level}, keeping what acquire returned for the verifier. Holder only. */
    private void rebase(int level) {
        if (rebasedHold != holds) {
            returnedIrql = savedIrql;
            rebasedHold = holds;
        }
        savedIrql = level;
    }

    /**
     * The level the current hold's acquire returned ({@code acquireSpinLock()}'s {@code oldIrql}),
     * which a release out of order may have made differ from the level restored. Holder only.
     */
    final int returnedIrql() {
        return rebasedHold == holds ? returnedIrql : savedIrql;
    }

    /** Raises the synchronize level to at least {@code value}. */
    final void raiseSyncIrql(int value) {
        if (value > syncIrql) {
            syncIrql = value;
        }
    }
}
