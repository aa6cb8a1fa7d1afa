package io.github.irq4j.verify;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The locks one path holds at one instruction. Immutable; compared by content so that paths that
 * reach an instruction in the same state are explored once.
 *
 * @param held lock -> how it is held
 * @param failedTry lock -> line of a try-acquire that returned {@code false} on this path and
 *        has not been followed by an acquire
 * @param unknown interrupt locks held through calls to acquiring methods whose lock could not be
 *        named
 * @param borrowed lock -> family, for locks this path released without holding them (recorded
 *        only while computing a helper's summary: they become releases at its call sites)
 * @param unread try-acquire results on this path that nothing has read yet
 * @param attempted {@code java.util.concurrent} locks whose {@code lock()} threw on this path
 *        (so an {@code unlock()} in the handler runs without the lock)
 */
record LockState(Map<LockKey, Held> held, Map<LockKey, Integer> failedTry, int unknown,
        Map<LockKey, LockCall.Family> borrowed, Set<Sym.TryResult> unread, Map<LockKey, Integer> attempted) {

    /** The most reentrant holds counted; more stay at this count. */
    static final int MAX_COUNT = 4;

    static final LockState EMPTY = new LockState(Map.of(), Map.of(), 0, Map.of(), Set.of(), Map.of());

    /**
     * How one lock is held.
     *
     * @param family the lock's family
     * @param count how many times ({@code java.util.concurrent} locks are reentrant)
     * @param line the line of the (first) acquire
     * @param site the instruction index of the (first) acquire
     * @param api how it was acquired, for messages
     */
    record Held(LockCall.Family family, int count, int line, int site, String api) {
    }

    Held get(LockKey key) {
        return held.get(key);
    }

    LockState acquire(LockKey key, LockCall.Family family, int line, int site, String api) {
        Map<LockKey, Held> h = new HashMap<>(held);
        Held old = h.get(key);
        h.put(key, old == null ? new Held(family, 1, line, site, api)
                : new Held(family, Math.min(MAX_COUNT, old.count() + 1), old.line(), old.site(), old.api()));
        Map<LockKey, Integer> f = failedTry;
        if (f.containsKey(key)) {
            f = new HashMap<>(f);
            f.remove(key);
            f = Map.copyOf(f);
        }
        return new LockState(Map.copyOf(h), f, unknown, borrowed, unread, attempted);
    }

    /** Drops one hold of a lock this path holds. */
    LockState release(LockKey key) {
        Map<LockKey, Held> h = new HashMap<>(held);
        Held old = h.remove(key);
        if (old != null && old.count() > 1) {
            h.put(key, new Held(old.family(), old.count() - 1, old.line(), old.site(), old.api()));
        }
        return new LockState(Map.copyOf(h), failedTry, unknown, borrowed, unread, attempted);
    }

    LockState failedTry(LockKey key, int line) {
        Map<LockKey, Integer> f = new HashMap<>(failedTry);
        f.put(key, line);
        return new LockState(held, Map.copyOf(f), unknown, borrowed, unread, attempted);
    }

    LockState withUnknown(int n) {
        return new LockState(held, failedTry, n, borrowed, unread, attempted);
    }

    LockState borrow(LockKey key, LockCall.Family family) {
        Map<LockKey, LockCall.Family> b = new HashMap<>(borrowed);
        b.put(key, family);
        return new LockState(held, failedTry, unknown, Map.copyOf(b), unread, attempted);
    }

    LockState attempt(LockKey key, int line) {
        Map<LockKey, Integer> a = new HashMap<>(attempted);
        a.put(key, line);
        return new LockState(held, failedTry, unknown, borrowed, unread, Map.copyOf(a));
    }

    LockState addUnread(Sym.TryResult r) {
        Set<Sym.TryResult> u = new HashSet<>(unread);
        u.add(r);
        return new LockState(held, failedTry, unknown, borrowed, Set.copyOf(u), attempted);
    }

    /** The try-acquire at {@code site} has been read. */
    LockState read(int site) {
        if (unread.isEmpty()) {
            return this;
        }
        Set<Sym.TryResult> u = new HashSet<>(unread);
        if (!u.removeIf(r -> r.site() == site)) {
            return this;
        }
        return new LockState(held, failedTry, unknown, borrowed, Set.copyOf(u), attempted);
    }

    /** Drops every interrupt lock: a releasing call whose lock is unknown. */
    LockState releaseAllInterrupt() {
        Map<LockKey, Held> h = new HashMap<>(held);
        h.values().removeIf(x -> x.family() == LockCall.Family.INTERRUPT);
        return new LockState(Map.copyOf(h), failedTry, 0, borrowed, unread, attempted);
    }

    /** Whether a {@code java.util.concurrent} lock is held. */
    boolean holdsJuc() {
        for (Held h : held.values()) {
            if (h.family() == LockCall.Family.JUC) {
                return true;
            }
        }
        return false;
    }
}
