package io.github.irq4j.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * A test-and-test-and-set spin lock whose lock word is the owning thread.
 *
 * <p>Acquire tries one CAS first; the slow path spins with {@link Thread#onSpinWait()}, then yields,
 * then parks for short periods. Holders run at a raised level and must be quick, but a user-mode
 * holder can be preempted by the OS: the yield and park steps keep a waiter from burning a core
 * the holder needs (the machine may have as few cores as there are spinners).
 */
final class SpinLockCore extends LockCore {

    private static final VarHandle OWNER;

    static {
        try {
            OWNER = MethodHandles.lookup().findVarHandle(SpinLockCore.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Spins before yielding. */
    static final int SPINS = 256;
    /** Yields before parking. */
    static final int YIELDS = 64;
    /** Park period once yielding did not help. */
    static final long PARK_NS = 20_000L;

    /** null when free. CAS null -> thread by acquirers; release-store null by the owner. */
    private volatile Thread owner;

    SpinLockCore(String name, int syncIrql) {
        super(name, syncIrql);
    }

    @Override
    boolean isPassive() {
        return false;
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
        int attempts = 0;
        while (true) {
            // Test before test-and-set: spin on a read so waiters don't bounce the line with CASes.
            if (owner == null && OWNER.compareAndSet(this, null, self)) {
                return;
            }
            attempts++;
            if (attempts < SPINS) {
                Thread.onSpinWait();
            } else if (attempts < SPINS + YIELDS) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(this, PARK_NS);
            }
        }
    }

    @Override
    void release() {
        // Release store: the holder's writes happen-before the next acquirer's successful CAS.
        OWNER.setRelease(this, null);
    }

    @Override
    Thread owner() {
        return owner;
    }
}
