package io.github.irq4j.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * A passive wait lock: a mutex that is not re-entrant, whose lock word is the owning thread, with
 * parked waiters (SPEC 2.4). Uncontended, it costs one CAS to acquire and one release store to
 * release, with no fence: {@code ReentrantLock}'s unlock pays a volatile store (a full fence on
 * x86) before it looks for waiters, which made the AQS-based version of this lock 1.34x
 * {@code ReentrantLock} (issue 13).
 *
 * <p>The price of the fence-free release is the race HotSpot's {@code ObjectMonitor} calls
 * stranding: a waiter can register between the releaser's store and its read of {@link #waiters},
 * see the lock still held (the store still in the releaser's store buffer), and park with nobody
 * to unpark it. As {@code ObjectMonitor}'s "responsible" thread does, every waiter therefore parks
 * with a timeout ({@link #PARK_MIN_NS}, doubling to {@link #PARK_MAX_NS}) and tries again: a
 * stranded waiter wakes at most {@code PARK_MAX_NS} late, and in the common case the releaser
 * unparks it at once. Mutual exclusion never depends on this: only the CAS takes the lock.
 *
 * <p>Allocates only on contention (a queue node per wait). Not interruptible, as
 * {@code WdfWaitLockAcquire} with no timeout is not: an interrupt during the wait is kept and
 * re-asserted once the lock is held.
 */
final class WaitLockCore extends LockCore {

    private static final VarHandle OWNER;
    private static final VarHandle WAITERS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            OWNER = l.findVarHandle(WaitLockCore.class, "owner", Thread.class);
            WAITERS = l.findVarHandle(WaitLockCore.class, "waiters", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Spins on the lock word before queueing: a passive holder is often out within microseconds. */
    static final int SPINS = 64;
    /** The first timed park; the releaser normally unparks sooner. */
    static final long PARK_MIN_NS = 100_000L;
    /** The longest timed park: the worst delay of a stranded waiter. */
    static final long PARK_MAX_NS = 2_000_000L;

    /** null when free. CAS null -> thread by acquirers; release store null by the owner. */
    private volatile Thread owner;
    /** Threads queued to be woken; the releaser reads it after its store. */
    private volatile int waiters;
    /** The queued threads, oldest first; the releaser unparks the head. */
    private final ConcurrentLinkedQueue<Thread> queue = new ConcurrentLinkedQueue<>();

    WaitLockCore(String name) {
        super(name, Levels.PASSIVE);
    }

    @Override
    boolean isPassive() {
        return true;
    }

    @Override
    boolean tryAcquire(Thread self) {
        return owner == null && OWNER.compareAndSet(this, null, self);
    }

    @Override
    void acquire(Thread self) {
        if (!OWNER.compareAndSet(this, null, self)) {
            acquireSlow(self);
        }
    }

    private void acquireSlow(Thread self) {
        for (int i = 0; i < SPINS; i++) {
            Thread.onSpinWait();
            if (owner == null && OWNER.compareAndSet(this, null, self)) {
                return;
            }
        }
        queue.add(self);
        WAITERS.getAndAdd(this, 1);
        boolean interrupted = false;
        long park = PARK_MIN_NS;
        try {
            // After registering (a full fence): a release from now on sees waiters > 0, or this sees the lock free.
            while (!(owner == null && OWNER.compareAndSet(this, null, self))) {
                LockSupport.parkNanos(this, park);
                park = Math.min(park << 1, PARK_MAX_NS);
                if (Thread.interrupted()) {
                    interrupted = true;
                }
            }
        } finally {
            queue.remove(self);
            WAITERS.getAndAdd(this, -1);
        }
        if (interrupted) {
            self.interrupt();
        }
    }

    @Override
    void release() {
        // Release store: the holder's writes happen-before the next acquirer's successful CAS.
        OWNER.setRelease(this, null);
        if (waiters != 0) {
            Thread next = queue.peek();
            if (next != null) {
                LockSupport.unpark(next);
            }
        }
    }

    @Override
    Thread owner() {
        return owner;
    }
}
