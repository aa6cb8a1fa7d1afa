package io.github.irq4j.verify;

import java.util.HashMap;
import java.util.Map;

/**
 * The locks one path holds at one instruction. Immutable; compared by content so that paths that
 * reach an instruction in the same state are explored once.
 *
 * @param held lock key -> how it is held
 * @param failedTry lock key -> line of a try-acquire that returned {@code false} on this path and
 *        has not been followed by an acquire
 * @param unknown interrupt locks held through calls to {@code @AcquiresInterruptLock} methods whose
 *        lock could not be named
 * @param borrowed lock key -> family, for locks this path released without holding them (recorded
 *        only while computing a helper's summary: they become releases at its call sites)
 */
record LockState(Map<String, Held> held, Map<String, Integer> failedTry, int unknown,
        Map<String, LockCall.Family> borrowed) {

    /** The most reentrant holds counted; more stay at this count. */
    static final int MAX_COUNT = 4;

    static final LockState EMPTY = new LockState(Map.of(), Map.of(), 0, Map.of());

    /**
     * How one lock is held.
     *
     * @param family the lock's family
     * @param count how many times ({@code java.util.concurrent} locks are reentrant)
     * @param line the line of the (first) acquire
     * @param api how it was acquired, for messages
     */
    record Held(LockCall.Family family, int count, int line, String api) {
    }

    Held get(String key) {
        return held.get(key);
    }

    LockState acquire(String key, LockCall.Family family, int line, String api) {
        Map<String, Held> h = new HashMap<>(held);
        Held old = h.get(key);
        h.put(key, old == null ? new Held(family, 1, line, api)
                : new Held(family, Math.min(MAX_COUNT, old.count() + 1), old.line(), old.api()));
        Map<String, Integer> f = failedTry;
        if (f.containsKey(key)) {
            f = new HashMap<>(f);
            f.remove(key);
        }
        return new LockState(Map.copyOf(h), Map.copyOf(f), unknown, borrowed);
    }

    /** Drops one hold of a lock this path holds. */
    LockState release(String key) {
        Map<String, Held> h = new HashMap<>(held);
        Held old = h.remove(key);
        if (old != null && old.count() > 1) {
            h.put(key, new Held(old.family(), old.count() - 1, old.line(), old.api()));
        }
        return new LockState(Map.copyOf(h), failedTry, unknown, borrowed);
    }

    LockState failedTry(String key, int line) {
        Map<String, Integer> f = new HashMap<>(failedTry);
        f.put(key, line);
        return new LockState(held, Map.copyOf(f), unknown, borrowed);
    }

    LockState withUnknown(int n) {
        return new LockState(held, failedTry, n, borrowed);
    }

    LockState borrow(String key, LockCall.Family family) {
        Map<String, LockCall.Family> b = new HashMap<>(borrowed);
        b.put(key, family);
        return new LockState(held, failedTry, unknown, Map.copyOf(b));
    }

    /** Drops every interrupt lock: a {@code @ReleasesInterruptLock} call whose lock is unknown. */
    LockState releaseAllInterrupt() {
        Map<String, Held> h = new HashMap<>(held);
        h.values().removeIf(x -> x.family() == LockCall.Family.INTERRUPT);
        return new LockState(Map.copyOf(h), failedTry, 0, borrowed);
    }
}
