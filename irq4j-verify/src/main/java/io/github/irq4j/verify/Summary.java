package io.github.irq4j.verify;

import java.util.Map;

/**
 * How a method changes its caller's lock state, seen at all its normal exits, with its
 * parameters as {@link LockKey.Param} roots.
 *
 * @param acquired locks it holds at every normal exit
 * @param released locks it releases without having taken them
 * @param acquiredIfTrue for a {@code boolean} method, locks it holds exactly when it returns {@code true}
 * @param acquiredIfFalse locks it holds exactly when it returns {@code false}
 * @param returnsSlot the parameter slot every normal exit returns ({@code lock(); return this;}
 *        returns slot 0), or -1
 */
record Summary(Map<LockKey, LockCall.Family> acquired, Map<LockKey, LockCall.Family> released,
        Map<LockKey, LockCall.Family> acquiredIfTrue, Map<LockKey, LockCall.Family> acquiredIfFalse, int returnsSlot) {

    boolean isEmpty() {
        return acquired.isEmpty() && released.isEmpty() && acquiredIfTrue.isEmpty() && acquiredIfFalse.isEmpty();
    }

    /** Whether the method leaves a lock held for its caller (always, or depending on its result). */
    boolean acquires() {
        return !acquired.isEmpty() || !acquiredIfTrue.isEmpty() || !acquiredIfFalse.isEmpty();
    }

    boolean isConditional() {
        return !acquiredIfTrue.isEmpty() || !acquiredIfFalse.isEmpty();
    }
}
