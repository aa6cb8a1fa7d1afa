package io.github.irq4j.internal;

import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * A passive wait lock: a mutex that is not re-entrant, built on AQS (state 0 free, 1 held). AQS
 * allocates its wait-queue nodes only on contention, so the uncontended path allocates nothing.
 */
final class WaitLockCore extends LockCore {

    private static final class Sync extends AbstractQueuedSynchronizer {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean tryAcquire(int ignored) {
            if (compareAndSetState(0, 1)) {
                setExclusiveOwnerThread(Thread.currentThread());
                return true;
            }
            return false;
        }

        @Override
        protected boolean tryRelease(int ignored) {
            setExclusiveOwnerThread(null);
            setState(0);
            return true;
        }

        @Override
        protected boolean isHeldExclusively() {
            return getExclusiveOwnerThread() == Thread.currentThread();
        }

        Thread owner() {
            return getState() == 0 ? null : getExclusiveOwnerThread();
        }
    }

    private final Sync sync = new Sync();

    WaitLockCore(String name) {
        super(name, Levels.PASSIVE);
    }

    @Override
    boolean isPassive() {
        return true;
    }

    @Override
    boolean tryAcquire(Thread self) {
        return sync.tryAcquire(1);
    }

    @Override
    void acquire(Thread self) {
        // Not interruptible: WdfWaitLockAcquire with no timeout waits until it gets the lock.
        sync.acquire(1);
    }

    @Override
    void release() {
        sync.release(1);
    }

    @Override
    Thread owner() {
        return sync.owner();
    }
}
