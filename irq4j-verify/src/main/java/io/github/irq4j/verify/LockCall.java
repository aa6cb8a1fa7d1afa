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

    static final String INTERRUPT = "io/github/irq4j/Interrupt";
    static final String UMDF1 = "io/github/irq4j/Umdf1Interrupt";
    static final String SCOPE = "io/github/irq4j/InterruptLockScope";
    static final String LOCK = "java/util/concurrent/locks/Lock";

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
        switch (m.owner) {
            case INTERRUPT:
                return switch (m.name) {
                    case "acquireLock" -> new LockCall(Op.ACQUIRE, Family.INTERRUPT, "acquireLock()");
                    case "releaseLock" -> new LockCall(Op.RELEASE, Family.INTERRUPT, "releaseLock()");
                    case "tryToAcquireLock" -> new LockCall(Op.TRY_ACQUIRE, Family.INTERRUPT, "tryToAcquireLock()");
                    case "acquireLockScope" -> new LockCall(Op.SCOPE_ACQUIRE, Family.INTERRUPT, "acquireLockScope()");
                    case "acquireSpinLock" -> new LockCall(Op.SPIN_ACQUIRE, Family.INTERRUPT, "acquireSpinLock()");
                    case "releaseSpinLock" -> new LockCall(Op.SPIN_RELEASE, Family.INTERRUPT, "releaseSpinLock(oldIrql)");
                    case "synchronize" -> new LockCall(Op.SYNCHRONIZE, Family.INTERRUPT, "synchronize(..)");
                    case "synchronizeExecution" -> new LockCall(Op.SYNCHRONIZE, Family.INTERRUPT, "synchronizeExecution(..)");
                    default -> null;
                };
            case UMDF1:
                return switch (m.name) {
                    case "acquireInterruptLock" -> new LockCall(Op.ACQUIRE, Family.INTERRUPT, "acquireInterruptLock()");
                    case "releaseInterruptLock" -> new LockCall(Op.RELEASE, Family.INTERRUPT, "releaseInterruptLock()");
                    case "tryToAcquireInterruptLock" -> new LockCall(Op.TRY_ACQUIRE, Family.INTERRUPT, "tryToAcquireInterruptLock()");
                    default -> null;
                };
            case SCOPE:
                return m.name.equals("close") && m.desc.equals("()V")
                        ? new LockCall(Op.SCOPE_CLOSE, Family.INTERRUPT, "close()") : null;
            default:
                break;
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

    private static boolean isJucName(String name, String desc) {
        return switch (name) {
            case "lock", "lockInterruptibly", "unlock" -> desc.equals("()V");
            case "tryLock" -> desc.equals("()Z") || desc.equals("(JLjava/util/concurrent/TimeUnit;)Z");
            default -> false;
        };
    }
}
