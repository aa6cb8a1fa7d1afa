package io.github.irq4j.internal;

import io.github.irq4j.Fault;
import io.github.irq4j.Rule;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The time budget of one {@code stop()}, failure or {@code close()} (SPEC 4.2): every wait of the
 * power-down for another thread (pending signals, the interrupt lock, DPCs and work items, the
 * dispatch thread, the framework's threads) ends by the deadline of the budget the calling thread
 * runs under; what still runs then is reported as a {@link Fault.Kind#STOP_TIMEOUT} fault carrying
 * its thread's stack, and the stop goes on without it.
 *
 * <p>The budget is the calling thread's (a thread-local): the waits sit several calls deep in the
 * interrupts' power-down, and the sequences are not a hot path. A nested {@link #begin} (a
 * {@code close()} removing its devices) keeps the outer deadline, so a close is bounded as a whole.
 * Outside a budget the waits keep their old bounds (a driver's own {@code disable()} waits for its
 * lock as WDF does), but a lock whose holder died is still detected.
 */
final class StopBudget {

    private static final ThreadLocal<StopBudget> CURRENT = new ThreadLocal<>();
    /** How often a waiter looks at a lock's holder again. */
    private static final long POLL_NS = TimeUnit.MICROSECONDS.toNanos(200);

    /** nanoTime deadline; moved later by the driver's callbacks run under the budget ({@link #excludeCallback}). */
    private long deadline;
    /** Nested begin() calls on this thread share the outermost budget; it ends with the last end(). */
    private int depth;

    private StopBudget(long deadline) {
        this.deadline = deadline;
    }

    /** Starts a budget of {@code timeoutNs} on this thread, or joins the running one; pair with {@link #end()}. */
    static StopBudget begin(long timeoutNs) {
        StopBudget b = CURRENT.get();
        if (b == null) {
            b = new StopBudget(System.nanoTime() + timeoutNs);
            CURRENT.set(b);
        }
        b.depth++;
        return b;
    }

    void end() {
        if (--depth == 0) {
            CURRENT.remove();
        }
    }

    /**
     * Takes {@code ns}, the time a driver callback ran on this thread, out of the running budget (if
     * any): the budget bounds the framework's waits for other threads, and a callback on the
     * caller's own thread can be neither bounded nor abandoned, so a slow one must not leave the
     * waits after it no time at all.
     */
    static void excludeCallback(long ns) {
        StopBudget b = CURRENT.get();
        if (b != null && ns > 0) {
            b.deadline += ns;
        }
    }

    /** Whether this thread runs under a budget. */
    static boolean active() {
        return CURRENT.get() != null;
    }

    /** The nanoTime deadline of this thread's budget, or {@code System.nanoTime() + fallbackNs} outside one. */
    static long deadline(long fallbackNs) {
        StopBudget b = CURRENT.get();
        return b != null ? b.deadline : System.nanoTime() + fallbackNs;
    }

    /** Milliseconds left of this thread's budget (0 when spent), or {@code fallbackMs} outside one. */
    static long remainingMs(long fallbackMs) {
        StopBudget b = CURRENT.get();
        if (b == null) {
            return fallbackMs;
        }
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(b.deadline - System.nanoTime()));
    }

    /** An exception whose stack trace is {@code thread}'s at the moment it was found still running. */
    static Throwable stackOf(Thread thread) {
        Throwable t = new StillRunning("thread '" + thread.getName() + "' (" + thread.getState() + ") was still running here");
        t.setStackTrace(thread.getStackTrace());
        return t;
    }

    /** The stack of a thread that did not finish in time; no stack of its own. */
    static final class StillRunning extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StillRunning(String message) {
            super(message, null, false, true);
        }
    }

    /**
     * Takes {@code lock} for the framework at PASSIVE (for {@code onDisable}), by the deadline of this
     * thread's budget, waiting without end outside one. A holder thread that is no longer alive (it
     * ended holding the lock) is reported as a {@code WdfInterruptLockRelease} violation and a fault,
     * and the lock is released for it, as a callback frame releases a lock its callback leaked.
     *
     * @return whether the caller now holds the lock; false: the deadline passed with a live holder, reported
     */
    static boolean acquire(HostImpl host, DeviceImpl device, LockCore lock, String who) {
        Thread self = Thread.currentThread();
        if (lock.tryAcquire(self)) {
            return true;
        }
        StopBudget b = CURRENT.get();
        while (true) {
            Thread owner = lock.owner();
            if (owner == null || owner == self) {
                if (owner == null && lock.tryAcquire(self)) {
                    return true;
                }
                if (owner == self) {
                    host.faultLog.record(Fault.Kind.CALLBACK_EXCEPTION, device, who, who + ": the calling thread holds the lock of '"
                            + lock.name + "' itself, so onDisable would deadlock; the interrupt is disabled without it", null);
                    return false;
                }
            } else if (!owner.isAlive()) {
                releaseForDeadOwner(host, device, lock, owner, who);
            } else if (b != null && System.nanoTime() - b.deadline >= 0) {
                host.faultLog.record(Fault.Kind.STOP_TIMEOUT, device, who, who + ": the interrupt lock of '" + lock.name
                        + "' is still held by thread '" + owner.getName() + "' past the stop timeout (taken "
                        + (lock.acquiredAt == null ? "outside a callback" : lock.acquiredAt)
                        + "); the interrupt is disabled without its onDisable", stackOf(owner));
                return false;
            }
            LockSupport.parkNanos(POLL_NS);
        }
    }

    /** Reports that {@code owner} ended holding {@code lock} and frees the lock word for the next taker. */
    private static void releaseForDeadOwner(HostImpl host, DeviceImpl device, LockCore lock, Thread owner, String who) {
        String site = lock.acquiredAt;
        String msg = "thread '" + owner.getName() + "' ended holding the interrupt lock of '" + lock.name + "' (taken "
                + (site == null ? "outside a framework callback" : site) + ")";
        io.github.irq4j.Violation v = null;
        Verifier verifier = host.verifier;
        if (verifier.on) {
            v = verifier.report(new Finding(Rule.WDF_INTERRUPT_LOCK_RELEASE, lock.name, who, msg,
                    "release the lock before the thread ends (the framework released it)"), Levels.PASSIVE, Levels.PASSIVE, site);
        }
        host.faultLog.record(Fault.Kind.VIOLATION, device, who, v != null ? v.message()
                : msg + "; the framework released it", null);
        // The holder is dead, so no one else can be inside the lock: freeing the word is safe for
        // both cores (a spin lock's release is a store, a wait lock's AQS release checks no owner).
        lock.acquiredAt = null;
        lock.release();
    }

    /**
     * Flushes {@code call} (null: none): without end outside a budget, by its deadline under one,
     * reporting a call still queued or running then with its thread's stack. PASSIVE.
     */
    static void flush(HostImpl host, DeviceImpl device, DeferredCall call) {
        if (call == null) {
            return;
        }
        StopBudget b = CURRENT.get();
        if (b == null) {
            call.flush();
        } else if (!call.flushUntil(b.deadline)) {
            Thread t = call.runner();
            host.faultLog.record(Fault.Kind.STOP_TIMEOUT, device, call.name(), call.name() + " is still "
                    + (t == null ? "queued" : "running on thread '" + t.getName() + "'")
                    + " past the stop timeout; the stop goes on without it", t == null ? null : stackOf(t));
        }
    }
}
