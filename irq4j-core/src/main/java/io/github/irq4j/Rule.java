package io.github.irq4j;

/**
 * The rules irq4j enforces (SPEC section 6), checked at run time by the verifier and at build
 * time by {@code irq4j verify}. {@link #id()} is the rule id as written in the SPEC and in
 * reports.
 */
public enum Rule {
    WDF_INTERRUPT_LOCK("WdfInterruptLock",
            "acquire and release of one interrupt lock strictly alternate: no second acquire before release, no release without acquire"),
    WDF_INTERRUPT_LOCK_RELEASE("WdfInterruptLockRelease",
            "no callback returns, normally or by exception, holding an interrupt lock"),
    INTERRUPT_LOCK_NOT_ENABLED("InterruptLockNotEnabled",
            "the lock is not taken before the interrupt is enabled nor after it is disabled"),
    INTERRUPT_LOCK_ARBITRARY_THREAD("InterruptLockArbitraryThread",
            "a passive interrupt's lock is not taken with acquireLock() in an arbitrary-thread callback"),
    INTERRUPT_TRY_LOCK_PASSIVE_ONLY("InterruptTryLockPassiveOnly",
            "tryToAcquireLock() only on passive interrupts; its result decides whether to release"),
    INTERRUPT_SPIN_LOCK_PASSIVE("InterruptSpinLockPassive",
            "acquireSpinLock() never on a passive interrupt; releaseSpinLock gets the level acquireSpinLock returned"),
    IRQL_TOO_HIGH("IrqlTooHigh",
            "no call above its maximum level; nothing blocks at DISPATCH or above"),
    LOCK_ORDER("LockOrder",
            "lock classes are taken in one order everywhere, and a lock taken in an ISR is not held elsewhere with that interrupt enabled (lockdep)");

    private final String id;
    private final String statement;

    Rule(String id, String statement) {
        this.id = id;
        this.statement = statement;
    }

    /** The rule id, such as {@code "WdfInterruptLock"}. */
    public String id() {
        return id;
    }

    /** What the rule states. */
    public String statement() {
        return statement;
    }

    /**
     * Looks a rule up by its id.
     *
     * @throws IllegalArgumentException if no rule has that id
     */
    public static Rule byId(String id) {
        for (Rule r : values()) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown rule id: '" + id + "' (expected one of "
                + java.util.Arrays.stream(values()).map(Rule::id).toList() + ")");
    }

    @Override
    public String toString() {
        return id;
    }
}
