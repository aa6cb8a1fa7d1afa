package io.github.irq4j.verify;

/**
 * The rules the static verifier checks: the static column of SPEC section 6, plus
 * {@link #LOCK_RELEASE} for {@code java.util.concurrent.locks.Lock}. {@link #id()} is the id
 * written in reports and SARIF {@code ruleId}s.
 */
public enum StaticRule {
    /** Acquire and release of one interrupt lock strictly alternate (the Static Driver Verifier rule WdfInterruptLock). */
    WDF_INTERRUPT_LOCK("WdfInterruptLock",
            "Acquire and release of one interrupt lock strictly alternate",
            "On every path, no second acquire of an interrupt lock before its release, no release of a lock the path does not hold, "
                    + "no release after tryToAcquireLock() returned false, and no synchronize() on a lock the path holds."),
    /** No method returns, normally or by exception, holding an interrupt lock. */
    WDF_INTERRUPT_LOCK_RELEASE("WdfInterruptLockRelease",
            "No method returns holding an interrupt lock",
            "No method returns, normally or by an exception, holding an interrupt lock it acquired, unless it is annotated "
                    + "@AcquiresInterruptLock."),
    /** A passive interrupt's lock is not taken with acquireLock() in an I/O queue callback. */
    INTERRUPT_LOCK_ARBITRARY_THREAD("InterruptLockArbitraryThread",
            "No acquireLock() of a passive interrupt in an I/O queue callback",
            "An I/O queue callback runs in an arbitrary thread: for a passive-level interrupt it uses tryToAcquireLock() and falls "
                    + "back to a work item (WdfInterruptTryToAcquireLock), because acquireLock() there can deadlock "
                    + "(IWDFInterrupt::AcquireInterruptLock)."),
    /** The result of tryToAcquireLock() decides whether to release. */
    INTERRUPT_TRY_LOCK_PASSIVE_ONLY("InterruptTryLockPassiveOnly",
            "The result of tryToAcquireLock() is used",
            "tryToAcquireLock() returns whether the lock is now held; discarding the result leaves the caller unable to know "
                    + "whether to release."),
    /** releaseSpinLock gets the level acquireSpinLock returned. */
    INTERRUPT_SPIN_LOCK_PASSIVE("InterruptSpinLockPassive",
            "releaseSpinLock() gets the level acquireSpinLock() returned",
            "KeReleaseInterruptSpinLock restores the level KeAcquireInterruptSpinLock returned (KeAcquireInterruptSpinLock): the old level must be "
                    + "kept and passed back, not discarded or replaced by a constant or another lock's level."),
    /** A java.util.concurrent.locks.Lock is unlocked on every path. */
    LOCK_RELEASE("LockRelease",
            "A java.util.concurrent.locks.Lock is unlocked on every path",
            "Every lock(), lockInterruptibly() and successful tryLock() of a java.util.concurrent.locks.Lock is matched by "
                    + "unlock() on every normal and exceptional path out of the method, and unlock() never follows a failed tryLock().");

    private final String id;
    private final String shortDescription;
    private final String fullDescription;

    StaticRule(String id, String shortDescription, String fullDescription) {
        this.id = id;
        this.shortDescription = shortDescription;
        this.fullDescription = fullDescription;
    }

    /** The rule id, such as {@code "WdfInterruptLock"}. */
    public String id() {
        return id;
    }

    /** One line saying what the rule requires. */
    public String shortDescription() {
        return shortDescription;
    }

    /** The rule in full. */
    public String fullDescription() {
        return fullDescription;
    }

    @Override
    public String toString() {
        return id;
    }
}
