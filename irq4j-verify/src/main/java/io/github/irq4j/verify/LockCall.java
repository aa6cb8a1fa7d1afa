package io.github.irq4j.verify;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.MethodInsnNode;

/**
 * A call the verifier recognises as a lock operation, and what it does to the lock state.
 *
 * @param op what the call does
 * @param family whose rules apply: the interrupt lock's or {@code java.util.concurrent.locks.Lock}'s
 * @param api how the call is written in messages, such as {@code acquireLock()}
 */
record LockCall(Op op, Family family, String api) {

    /** The kinds of lock operations. */
    enum Op {
        /** Blocks until held: {@code acquireLock()}, {@code acquireInterruptLock()}, {@code lock()}. */
        ACQUIRE,
        /** {@code releaseLock()}, {@code releaseInterruptLock()}, {@code unlock()}. */
        RELEASE,
        /** Returns a boolean that says whether the lock is now held. */
        TRY_ACQUIRE,
        /** {@code acquireLockScope()}: acquires and returns a scope whose {@code close()} releases. */
        SCOPE_ACQUIRE,
        /** {@code InterruptLockScope.close()}. */
        SCOPE_CLOSE,
        /** {@code acquireSpinLock()}: acquires and returns the old level. */
        SPIN_ACQUIRE,
        /** {@code releaseSpinLock(oldLevel)}. */
        SPIN_RELEASE,
        /** {@code synchronize}/{@code synchronizeExecution}: takes and releases inside the call. */
        SYNCHRONIZE
    }

    /** Whose lock a call operates on. */
    enum Family {
        /** An irq4j interrupt lock: rules {@code WdfInterruptLock}, {@code WdfInterruptLockRelease}... */
        INTERRUPT,
        /** A {@code java.util.concurrent.locks.Lock}: rule {@code LockRelease}. */
        JUC
    }

    /**
     * Classifies a call instruction.
     *
     * @param types answers whether an owner class is a {@code Lock}
     * @return the lock operation, or {@code null} if the call is not one
     */
    static LockCall classify(MethodInsnNode m, ClassIndex types) {
        if (m.getOpcode() == Opcodes.INVOKESTATIC) {
            return null;
        }
        if (m.owner.equals(CoreApi.INTERRUPT)) {
            return interrupt(m.name);
        }
        if (m.owner.equals(CoreApi.UMDF1)) {
            return umdf1(m.name);
        }
        if (m.owner.equals(CoreApi.SCOPE)) {
            return m.name.equals(CoreApi.SCOPE_CLOSE) && m.desc.equals("()V")
                    ? new LockCall(Op.SCOPE_CLOSE, Family.INTERRUPT, "close()") : null;
        }
        if (m.owner.startsWith("[") || !isJucName(m.name, m.desc) || !types.isLock(m.owner)) {
            return null;
        }
        return switch (m.name) {
            case "lock" -> new LockCall(Op.ACQUIRE, Family.JUC, "lock()");
            case "lockInterruptibly" -> new LockCall(Op.ACQUIRE, Family.JUC, "lockInterruptibly()");
            case "tryLock" -> new LockCall(Op.TRY_ACQUIRE, Family.JUC, "tryLock(..)");
            default -> new LockCall(Op.RELEASE, Family.JUC, "unlock()");
        };
    }

    private static LockCall interrupt(String name) {
        if (name.equals(CoreApi.ACQUIRE_LOCK)) {
            return new LockCall(Op.ACQUIRE, Family.INTERRUPT, "acquireLock()");
        } else if (name.equals(CoreApi.RELEASE_LOCK)) {
            return new LockCall(Op.RELEASE, Family.INTERRUPT, "releaseLock()");
        } else if (name.equals(CoreApi.TRY_TO_ACQUIRE_LOCK)) {
            return new LockCall(Op.TRY_ACQUIRE, Family.INTERRUPT, "tryToAcquireLock()");
        } else if (name.equals(CoreApi.ACQUIRE_LOCK_SCOPE)) {
            return new LockCall(Op.SCOPE_ACQUIRE, Family.INTERRUPT, "acquireLockScope()");
        } else if (name.equals(CoreApi.ACQUIRE_SPIN_LOCK)) {
            return new LockCall(Op.SPIN_ACQUIRE, Family.INTERRUPT, "acquireSpinLock()");
        } else if (name.equals(CoreApi.RELEASE_SPIN_LOCK)) {
            return new LockCall(Op.SPIN_RELEASE, Family.INTERRUPT, "releaseSpinLock(oldIrql)");
        } else if (name.equals(CoreApi.SYNCHRONIZE)) {
            return new LockCall(Op.SYNCHRONIZE, Family.INTERRUPT, "synchronize(..)");
        } else if (name.equals(CoreApi.SYNCHRONIZE_EXECUTION)) {
            return new LockCall(Op.SYNCHRONIZE, Family.INTERRUPT, "synchronizeExecution(..)");
        }
        return null;
    }

    private static LockCall umdf1(String name) {
        if (name.equals(CoreApi.ACQUIRE_INTERRUPT_LOCK)) {
            return new LockCall(Op.ACQUIRE, Family.INTERRUPT, "acquireInterruptLock()");
        } else if (name.equals(CoreApi.RELEASE_INTERRUPT_LOCK)) {
            return new LockCall(Op.RELEASE, Family.INTERRUPT, "releaseInterruptLock()");
        } else if (name.equals(CoreApi.TRY_TO_ACQUIRE_INTERRUPT_LOCK)) {
            return new LockCall(Op.TRY_ACQUIRE, Family.INTERRUPT, "tryToAcquireInterruptLock()");
        }
        return null;
    }

    private static boolean isJucName(String name, String desc) {
        return switch (name) {
            case "lock", "lockInterruptibly", "unlock" -> desc.equals("()V");
            case "tryLock" -> desc.equals("()Z") || desc.equals("(JLjava/util/concurrent/TimeUnit;)Z");
            default -> false;
        };
    }
}
