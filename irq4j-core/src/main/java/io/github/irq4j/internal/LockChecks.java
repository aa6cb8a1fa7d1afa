package io.github.irq4j.internal;

import io.github.irq4j.BugCheckCode;
import io.github.irq4j.Irql;
import io.github.irq4j.Rule;

/**
 * The runtime verifier's checks of one interrupt's lock methods (SPEC 6): recursion, release
 * without ownership, the enabled state, the level, the arbitrary-thread rule, the spin lock's
 * returned level. {@link InterruptImpl}'s lock methods call one check before they touch the lock
 * word, as {@code ReentrantLock}'s methods call its {@code Sync}.
 *
 * <p>Each check tests {@link #on} first, so with the verifier {@code OFF} a lock method pays one
 * field read; a check that passes allocates nothing (the messages are built on the violation path
 * only, in {@code report*} methods kept apart so the passing path stays small enough to inline).
 * A violation is reported, and in {@code THROW} mode thrown, by the {@link Verifier}.
 */
final class LockChecks {

    /** Whether checks run: the verifier is not OFF. */
    final boolean on;
    private final Verifier verifier;
    private final InterruptImpl interrupt;
    private final LockCore lock;
    private final boolean passive;
    /** Lock-order validation, or null with the verifier OFF. */
    private final LockOrder order;

    LockChecks(Verifier verifier, InterruptImpl interrupt, LockCore lock, boolean passive) {
        this.on = verifier.on;
        this.verifier = verifier;
        this.interrupt = interrupt;
        this.lock = lock;
        this.passive = passive;
        this.order = verifier.lockOrder;
        if (lock.classKey == null) {
            lock.interruptsOwn = true; // its own lock: the class is the interrupt's role, "interrupt 'uart0'"
        }
    }

    /** The level a holder of the lock runs at. */
    int lockIrql() {
        return passive ? Levels.PASSIVE : lock.syncIrql;
    }

    /** Where the driver took the lock, for the lock's acquire site. */
    String callerSite(ThreadState ts) {
        return verifier.callerSite(ts);
    }

    // ---------------------------------------------------------------- per lock method

    /**
     * Before {@code acquireLock()}: recursion, enabled state, level, arbitrary thread.
     *
     * @return whether the caller already holds the lock (REPORT mode: reported, not acquired again)
     */
    boolean acquireLock(Thread self, ThreadState ts) {
        if (!on) {
            return false;
        }
        if (holds(self, ts)) {
            reportRecursion(ts, "acquireLock()", "already held by this thread", "call releaseLock() first; the interrupt lock is not recursive");
            return true;
        }
        checkEnabled(ts, "acquireLock()");
        if (passive) {
            if (ts.irql != Levels.PASSIVE) {
                fail(Finding.levelTooHigh(name(), "acquireLock() on passive interrupt '" + name() + "'", ts.irql,
                        "take a passive interrupt's lock at PASSIVE only, e.g. from a work item"), ts, Levels.PASSIVE, null);
            }
            if (ts.arbitraryDepth > 0) {
                fail(new Finding(Rule.INTERRUPT_LOCK_ARBITRARY_THREAD, name(), "acquireLock() on passive interrupt '" + name() + "'",
                        "called from an arbitrary-thread (I/O queue) callback",
                        "use tryToAcquireLock() and hand the work to a work item when it returns false (as in WdfInterruptTryToAcquireLock's example)"),
                        ts, Levels.PASSIVE, null);
            }
        } else if (ts.irql > lock.syncIrql) {
            reportAboveSyncLevel(ts, "acquireLock()", "take the lock at or below ");
        }
        order.acquiring(ts, lock, "acquireLock()", interrupt.name());
        return false;
    }

    /**
     * Before {@code releaseLock()}: ownership, and not where the framework holds the lock (the ISR,
     * onEnable, onDisable). Neither violation leaves anything to undo: the caller holds nothing it
     * took, so the lock and the level stay as the framework or the other holder has them.
     *
     * @return whether to release (REPORT mode goes on without releasing after a violation)
     */
    boolean releaseLock(Thread self, ThreadState ts) {
        if (!on) {
            return true;
        }
        return ownedForRelease(self, ts, "releaseLock()", "acquireLock()") && notHeldForFramework(ts, "releaseLock()");
    }

    /**
     * Reports {@code WdfInterruptLock} when the caller's hold is the framework's: inside an ISR
     * (this interrupt's or, on a shared spin lock, another's), onEnable or onDisable (whose sites the
     * interrupt has only while they run). Releasing there would let the ISR run, or the state change, without the lock.
     */
    private boolean notHeldForFramework(ThreadState ts, String call) {
        String at = lock.acquiredAt;
        String inside = at == interrupt.isrSite || lock.heldByIsr() ? "inside an ISR, which holds the lock for the framework"
                : at == null ? null
                : at == interrupt.enableSite ? "inside onEnable, which runs holding the lock for the framework"
                : at == interrupt.disableSite ? "inside onDisable, which runs holding the lock for the framework" : null;
        if (inside == null) {
            return true;
        }
        fail(new Finding(Rule.WDF_INTERRUPT_LOCK, name(), call + " on '" + name() + "'", inside,
                "do not release a lock the framework holds; it releases it when the callback returns"), ts, lockIrql(), at);
        return false;
    }

    /** {@code tryToAcquireLock()} on a spin-lock interrupt, which always returns false. */
    void tryLockOnSpinInterrupt(ThreadState ts) {
        if (on) {
            fail(new Finding(Rule.INTERRUPT_TRY_LOCK_PASSIVE_ONLY, name(), "tryToAcquireLock() on '" + name() + "'",
                    "which is a spin-lock (DIRQL) interrupt", "use acquireLock() or synchronize(); tryToAcquireLock() is for passive interrupts"),
                    ts, ts.irql, null);
        }
    }

    /** Before {@code tryToAcquireLock()} on a passive interrupt: level and enabled state. */
    void tryToAcquireLock(ThreadState ts) {
        if (!on) {
            return;
        }
        if (ts.irql != Levels.PASSIVE) {
            fail(Finding.levelTooHigh(name(), "tryToAcquireLock() on '" + name() + "'", ts.irql, "call it at PASSIVE only"),
                    ts, Levels.PASSIVE, null);
        }
        checkEnabled(ts, "tryToAcquireLock()");
    }

    /** Before {@code synchronize()}/{@code synchronizeExecution()}: recursion (reported, then it deadlocks as WDF would) and level. */
    void synchronize(Thread self, ThreadState ts, String call) {
        if (!on) {
            return;
        }
        int max = passive ? Levels.PASSIVE : Levels.DISPATCH;
        if (holds(self, ts)) {
            reportRecursion(ts, call, "while this thread holds the interrupt lock",
                    "release the lock before synchronizing; the lock is not recursive");
        }
        if (ts.irql > max) {
            fail(Finding.levelTooHigh(name(), call + " on '" + name() + "'", ts.irql, "call it at or below " + Irql.of(max)), ts, max, null);
        }
        order.acquiring(ts, lock, "synchronize()", interrupt.name());
    }

    /**
     * Before {@code acquireSpinLock()}: recursion and level.
     *
     * @return whether the caller already holds the lock (REPORT mode: reported, not acquired again)
     */
    boolean acquireSpinLock(Thread self, ThreadState ts) {
        if (!on) {
            return false;
        }
        if (holds(self, ts)) {
            reportRecursion(ts, "acquireSpinLock()", "already held by this thread",
                    "call releaseSpinLock(oldIrql) first; the spin lock is not recursive");
            return true;
        }
        if (ts.irql > lock.syncIrql) {
            reportAboveSyncLevel(ts, "acquireSpinLock()", "call it at or below ");
        }
        order.acquiring(ts, lock, "acquireSpinLock()", interrupt.name());
        return false;
    }

    /**
     * Before {@code releaseSpinLock(oldIrql)}: ownership and the returned level. A wrong level is
     * reported after this releases the lock and restores the level {@code acquireSpinLock()}
     * saved, so a throwing verifier leaves neither behind.
     *
     * @return whether the caller still has to release
     */
    boolean releaseSpinLock(Thread self, ThreadState ts, Irql oldIrql) {
        if (!on) {
            return true;
        }
        if (!ownedForRelease(self, ts, "releaseSpinLock()", "acquireSpinLock()") || !notHeldForFramework(ts, "releaseSpinLock()")) {
            return false;
        }
        int returned = lock.returnedIrql();
        if (oldIrql.value() != returned) {
            Finding f = new Finding(Rule.INTERRUPT_SPIN_LOCK_PASSIVE, name(), "releaseSpinLock(" + oldIrql + ") on '" + name() + "'",
                    "given a level acquireSpinLock() did not return (it returned " + Irql.of(returned) + ")",
                    "pass the value acquireSpinLock() returned; the returned level is restored");
            int calledAt = ts.irql;
            int saved = lock.savedIrql;
            String site = lock.acquiredAt;
            // Release and restore first: in THROW mode the report throws, and the caller must not be
            // left at DIRQL holding the spin lock the message says was released.
            lock.releasedBy(ts);
            verifier.violation(f, calledAt, saved, site);
            return false;   // released already
        }
        return true;
    }

    /** A call allowed at PASSIVE only (enable, disable, policies). */
    void passiveOnly(ThreadState ts, String call) {
        if (ts.irql != Levels.PASSIVE && on) {
            fail(Finding.levelTooHigh(name(), call + " on '" + name() + "'", ts.irql, "call it at PASSIVE only"), ts, Levels.PASSIVE, null);
        }
    }

    /** A call allowed at or below DISPATCH ({@code getInfo()}). */
    void atMostDispatch(ThreadState ts, String call) {
        if (ts.irql > Levels.DISPATCH && on) {
            fail(Finding.levelTooHigh(name(), call + " on '" + name() + "'", ts.irql, "call it at or below DISPATCH"), ts, Levels.DISPATCH, null);
        }
    }

    /**
     * {@code acquireSpinLock()} on a passive interrupt, which has no spin lock: a bug check
     * ({@code KeAcquireInterruptSpinLock} on a passive interrupt crashes the machine), not a
     * verifier report; whatever the verifier mode. Returns the exception to throw.
     */
    RuntimeException spinLockOnPassive(ThreadState ts, int messageNumber) {
        return interrupt.host.bugCheck(interrupt.device, BugCheckCode.INTERRUPT_SPIN_LOCK_ON_PASSIVE_INTERRUPT,
                "acquireSpinLock() (KeAcquireInterruptSpinLock) on passive interrupt '" + name()
                        + "', which has no spin lock (rule " + Rule.INTERRUPT_SPIN_LOCK_PASSIVE.id()
                        + "); use acquireLock() at PASSIVE", ts.irql, messageNumber, 0, 0);
    }

    /**
     * {@code IrqlTooHigh} for a public method of the API whose Javadoc states {@code max} as its
     * highest level (SPEC 1; the table in DECISIONS "Level audit"): one line at the top of the
     * method, before it does anything. With the verifier OFF it costs one field read.
     *
     * @param object the object the call is on, for the message ({@code "dev"}, {@code "dev.read#3"})
     * @param call the call, such as {@code "flush()"}
     */
    static void atMost(Verifier verifier, int max, String object, String call) {
        if (verifier.on) {
            ThreadState ts = ThreadState.current();
            if (ts.irql > max) {
                verifier.violation(Finding.levelTooHigh(object, call + " on '" + object + "'", ts.irql,
                        max == Levels.PASSIVE ? "call it at PASSIVE only (e.g. from a work item)" : "call it at or below " + Irql.of(max)),
                        ts.irql, max, null);
            }
        }
    }

    /** {@link #atMost} for an object that finds its host through its parents (a queue, a work item, a lock); none found: no check. */
    static void atMost(FrameworkObject object, int max, String call) {
        for (FrameworkObject o = object; o != null; o = o.parent()) {
            if (o instanceof DeviceImpl d) {
                atMost(d.host.verifier, max, object.name(), call);
                return;
            }
        }
    }

    // ---------------------------------------------------------------- shared checks and reports

    /**
     * Whether the thread of {@code ts} holds the lock word, for the recursion checks. Every path
     * that takes the word pushes the lock on the taker's held list before any driver code runs
     * ({@link LockCore#heldBy}, the callback frame's entry), and only the release that frees the
     * word (or a frame's release of a leaked lock) takes it off again, so a thread that holds no
     * lock cannot hold this one: the common acquire, nothing held, tests a field of its own state
     * and skips the lock word's volatile read.
     */
    private boolean holds(Thread self, ThreadState ts) {
        return ts.heldCount != 0 && lock.owner() == self;
    }

    /** Reports {@code WdfInterruptLock} unless the caller holds the lock; returns whether it does. */
    private boolean ownedForRelease(Thread self, ThreadState ts, String call, String acquireCall) {
        Thread owner = lock.owner();
        if (owner == self) {
            return true;
        }
        fail(new Finding(Rule.WDF_INTERRUPT_LOCK, name(), call + " on '" + name() + "'",
                owner == null ? "without " + acquireCall : "held by another thread, not this one",
                "release only a lock this thread acquired; acquire and release must alternate"), ts, lockIrql(), null);
        return false;
    }

    /** Reports {@code InterruptLockNotEnabled} outside onEnable..onDisable, but in the interrupt's own deferred work. */
    private void checkEnabled(ThreadState ts, String call) {
        if (!interrupt.isEnabled() && ts.deferredOwner != interrupt) {
            fail(new Finding(Rule.INTERRUPT_LOCK_NOT_ENABLED, name(), call + " on '" + name() + "'",
                    interrupt.wasDisabled() ? "after the interrupt was disabled" : "before the interrupt was enabled",
                    "take the interrupt lock only between onEnable and onDisable"), ts, ts.irql, null);
        }
    }

    private void reportRecursion(ThreadState ts, String call, String found, String fix) {
        fail(new Finding(Rule.WDF_INTERRUPT_LOCK, name(), call + " on '" + name() + "'", found, fix), ts, lockIrql(), lock.acquiredAt);
    }

    private void reportAboveSyncLevel(ThreadState ts, String call, String fixPrefix) {
        int sync = lock.syncIrql;
        fail(new Finding(Rule.IRQL_TOO_HIGH, name(), call + " on '" + name() + "'",
                "called at " + Irql.of(ts.irql) + ", above its synchronize level", fixPrefix + Irql.of(sync)), ts, sync, null);
    }

    private void fail(Finding f, ThreadState ts, int allowed, String site) {
        verifier.violation(f, ts.irql, allowed, site);
    }

    private String name() {
        return interrupt.name();
    }
}
