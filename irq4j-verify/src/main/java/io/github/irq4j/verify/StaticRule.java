package io.github.irq4j.verify;

import io.github.irq4j.Rule;

/**
 * The rules the static verifier checks: the static column of SPEC section 6, plus
 * {@link #LOCK_RELEASE} for {@code java.util.concurrent.locks.Lock}. {@link #id()} is the id
 * written in reports and SARIF {@code ruleId}s.
 */
public enum StaticRule {
    // Ids of the rules SPEC section 6 defines come from irq4j-core's Rule, so that they cannot drift.
    /** Acquire and release of one interrupt lock strictly alternate (the SDV rule WdfInterruptLock). */
    WDF_INTERRUPT_LOCK(Rule.WDF_INTERRUPT_LOCK.id(), Level.ERROR,
            "Acquire and release of one interrupt lock strictly alternate",
            "On every path, no second acquire of an interrupt lock before its release, no release of a lock the path does not hold, "
                    + "no release after tryToAcquireLock() returned false, and no synchronize() on a lock the path holds."),
    /** No method returns, normally or by exception, holding an interrupt lock. */
    WDF_INTERRUPT_LOCK_RELEASE(Rule.WDF_INTERRUPT_LOCK_RELEASE.id(), Level.ERROR,
            "No method returns holding an interrupt lock",
            "No method returns, normally or by an exception, holding an interrupt lock it acquired, unless it is annotated "
                    + "@AcquiresInterruptLock."),
    /** A passive interrupt's lock is not taken with acquireLock() in an I/O queue callback. */
    INTERRUPT_LOCK_ARBITRARY_THREAD(Rule.INTERRUPT_LOCK_ARBITRARY_THREAD.id(), Level.ERROR,
            "No acquireLock() of a passive interrupt in an I/O queue callback",
            "An I/O queue callback runs in an arbitrary thread: for a passive-level interrupt it uses tryToAcquireLock() and falls "
                    + "back to a work item (the WdfInterruptTryToAcquireLock page), because acquireLock() there can deadlock (the IWDFInterrupt::AcquireInterruptLock page)."),
    /** The result of tryToAcquireLock() decides whether to release. */
    INTERRUPT_TRY_LOCK_PASSIVE_ONLY(Rule.INTERRUPT_TRY_LOCK_PASSIVE_ONLY.id(), Level.ERROR,
            "The result of tryToAcquireLock() is used",
            "tryToAcquireLock() returns whether the lock is now held; discarding the result leaves the caller unable to know "
                    + "whether to release."),
    /** releaseSpinLock gets the level acquireSpinLock returned. */
    INTERRUPT_SPIN_LOCK_PASSIVE(Rule.INTERRUPT_SPIN_LOCK_PASSIVE.id(), Level.ERROR,
            "releaseSpinLock() gets the level acquireSpinLock() returned",
            "KeReleaseInterruptSpinLock restores the level KeAcquireInterruptSpinLock returned (the KeAcquireInterruptSpinLock page): the old level must be "
                    + "kept and passed back, not discarded or replaced by a constant or another lock's level."),
    /** A java.util.concurrent.locks.Lock is unlocked on every path. */
    LOCK_RELEASE("LockRelease", Level.ERROR,
            "A java.util.concurrent.locks.Lock is unlocked on every path",
            "Every lock(), lockInterruptibly() and successful tryLock() of a java.util.concurrent.locks.Lock is matched by "
                    + "unlock() on every normal and exceptional path out of the method, and unlock() never follows a failed tryLock()."),
    /** unlock() does not run on a path where the lock was never taken. */
    UNLOCK_NOT_HELD("UnlockNotHeld", Level.WARNING,
            "unlock() runs only when the lock is held",
            "When lock() or lockInterruptibly() is called inside the try whose finally calls unlock(), an exception from the "
                    + "acquire (InterruptedException, an Error) reaches unlock() without the lock held: unlock() then throws "
                    + "IllegalMonitorStateException and hides the first exception. Call lock() just before the try.");

    /** How severe a finding of a rule is, as SARIF's {@code level}. */
    public enum Level {
        /** A broken lock rule. */
        ERROR,
        /** Likely wrong, though the lock state stays consistent on normal paths. */
        WARNING;

        /** The SARIF level: {@code "error"} or {@code "warning"}. */
        public String sarif() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final String id;
    private final Level level;
    private final String shortDescription;
    private final String fullDescription;

    StaticRule(String id, Level level, String shortDescription, String fullDescription) {
        this.id = id;
        this.level = level;
        this.shortDescription = shortDescription;
        this.fullDescription = fullDescription;
    }

    /** The rule id, such as {@code "WdfInterruptLock"}. */
    public String id() {
        return id;
    }

    /** How severe its findings are. */
    public Level level() {
        return level;
    }

    /**
     * Looks a rule up by its id.
     *
     * @throws IllegalArgumentException if no rule has that id, naming the ids there are
     */
    public static StaticRule byId(String id) {
        for (StaticRule r : values()) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown rule id '" + id + "' (the rules are "
                + java.util.Arrays.stream(values()).map(StaticRule::id).toList() + ")");
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
