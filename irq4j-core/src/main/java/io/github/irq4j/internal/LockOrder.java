package io.github.irq4j.internal;

import io.github.irq4j.Irql;
import io.github.irq4j.Rule;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lock-order validation, rule {@code LockOrder} (SPEC 6.1), as Linux lockdep does it: a graph of
 * which lock classes were taken while which were held, kept for the host's life, and a report the
 * first time an acquisition closes a cycle in it, with the chains that made each edge, even when
 * the two orders ran years apart on different threads and never overlapped.
 *
 * <p><b>Classes, not instances.</b> A {@link LockCore}'s class is named by its
 * {@link LockCore#classKey} (the interrupt's name for an interrupt lock, the object's for a
 * {@code SpinLock}/{@code WaitLock}, the parent's for a callback lock), resolved once and cached
 * on the lock. So the graph is bounded by the number of distinct names (at most
 * {@link #MAX_CLASSES}; locks of classes past it are not validated, which is said once), not by
 * the devices a host ever made.
 *
 * <p><b>Cost.</b> Only a host whose verifier is on has one, so {@code OFF} pays nothing. For each
 * lock the thread holds, an acquisition tests one bit of that class's successor set: a plain load,
 * no allocation, no lock. Only an edge seen for the first time takes the graph's monitor, searches
 * for a path back (a breadth-first search over the bit sets) and builds the chain text.
 *
 * <p><b>ISR context</b> ({@link LockCore#heldByIsr}, marked by {@link InterruptImpl#runIsr}). The ISR
 * holds its interrupt lock, so every lock it takes is an edge from that lock, and any DPC, work item
 * or thread that takes the same lock and then the interrupt lock closes a cycle. Besides, as
 * lockdep's "irq-safe -> irq-unsafe" check: a lock taken in ISR context at one level and held
 * elsewhere at a lower level (so the ISR can come in over its holder on WDF's processor) is
 * reported once.
 */
final class LockOrder {

    /** The most lock classes one host validates: 1,024 classes of 128 bytes of successor bits each. */
    static final int MAX_CLASSES = 1024;
    private static final int WORDS = MAX_CLASSES / Long.SIZE;
    private static final VarHandle BITS = MethodHandles.arrayElementVarHandle(long[].class);

    /** One lock class: its successor bits (read racily, set under the graph's monitor) and its usage. */
    static final class LockClass {
        /** The graph the class is in: a thread may hold locks of two hosts, whose ids mean different classes. */
        final LockOrder graph;
        final int id;
        final String name;
        /** Bit {@code j}: class {@code j} was taken while this one was held. */
        final long[] after = new long[WORDS];
        /** The chain that first made each edge, by successor id; under the graph's monitor. */
        final Map<Integer, String> chains = new HashMap<>();
        /**
         * Highest level it was held at in ISR context, or -1; lowest outside, or MAX_VALUE. Written
         * under the graph's monitor, read racily: each only moves one way, so a stale value only
         * sends the reader to the slow path, which re-reads under the monitor.
         */
        int isrLevel = -1;
        int outsideLevel = Integer.MAX_VALUE;
        String isrChain;
        String outsideChain;
        volatile boolean usageReported;
        volatile boolean nestingReported;

        LockClass(LockOrder graph, int id, String name) {
            this.graph = graph;
            this.id = id;
            this.name = name;
        }

        boolean hasEdgeTo(int to) {
            return ((long) BITS.getAcquire(after, to >>> 6) & (1L << to)) != 0;
        }
    }

    /** Locks past the class limit get this class, which is never validated. */
    private static final LockClass UNTRACKED = new LockClass(null, -1, "(untracked)");

    private final Verifier verifier;
    private final Map<String, LockClass> byName = new HashMap<>();
    private final LockClass[] classes = new LockClass[MAX_CLASSES];
    private int count;
    private boolean limitReported;

    LockOrder(Verifier verifier) {
        this.verifier = verifier;
    }

    /**
     * Before {@code lock} is taken by a driver call on the thread of {@code ts} ({@code call}, such
     * as {@code "acquireLock() on 'uart0'"}): validates the order against every lock the thread
     * holds and the ISR-context usage. Reports (and in {@code THROW} mode throws, the lock not taken)
     * the first time a new edge closes a cycle. Allocates nothing once the thread's edges are known.
     */
    void acquiring(ThreadState ts, LockCore lock, String verb, String object) {
        LockClass c = lock.lockClass;
        // The common case kept small enough to inline: nothing else held, a level this class was held at before.
        if (ts.heldCount == 0 && c != null && heldLevel(ts, lock) >= c.outsideLevel) {
            return;
        }
        Finding f = check(ts, lock, verb, object, false);
        if (f != null) {
            verifier.violation(f, ts.irql, ts.irql, null);
        }
    }

    /**
     * The same for a lock a callback frame takes for the framework (the ISR's interrupt lock,
     * {@code onEnable}/{@code onDisable}'s, a callback lock of automatic serialization): reported,
     * never thrown, as nothing can be thrown to the culprit there.
     */
    void frameAcquiring(ThreadState ts, LockCore lock, String lockSite) {
        Finding f = check(ts, lock, lockSite, null, lockSite == lock.isrSite);
        if (f != null) {
            verifier.report(f, ts.irql, ts.irql, null);
        }
    }

    /**
     * The findings of taking {@code lock} now. The call is named {@code verb} (a frame's acquire
     * site) or "{@code verb} on '{@code object}'", a string made only for a finding or a new edge,
     * so the interrupt keeps no such string per lock method and a clean acquire allocates nothing.
     */
    private Finding check(ThreadState ts, LockCore lock, String verb, String object, boolean isr) {
        LockClass c = lock.lockClass;
        if (c == null) {
            c = resolve(lock);
        }
        if (c == UNTRACKED) {
            return null;
        }
        boolean inIsr = isr;
        Finding found = null;
        for (int i = 0, n = ts.heldCount; i < n; i++) {
            LockCore h = ts.held(i);
            inIsr |= h.heldByIsr();
            LockClass hc = h.lockClass;
            if (h == lock || hc == null || hc.graph != this || hc.hasEdgeTo(c.id)) {
                continue; // the same lock is WdfInterruptLock's, not an order; another host's lock is another graph's
            }
            Finding f = hc == c ? nested(hc, ts, h, call(verb, object)) : newEdge(hc, c, ts, h, call(verb, object));
            if (found == null) {
                found = f;
            }
        }
        int held = heldLevel(ts, lock);
        if (inIsr ? held > c.isrLevel : held < c.outsideLevel) {
            Finding f = usage(c, inIsr, held, ts, call(verb, object));
            if (found == null) {
                found = f;
            }
        }
        return found;
    }

    private static String call(String verb, String object) {
        return object == null ? verb : verb + " on '" + object + "'";
    }

    /** The level a holder runs at: a spin lock raises to its synchronize level, a wait lock keeps the caller's. */
    private static int heldLevel(ThreadState ts, LockCore lock) {
        int irql = ts.irql;
        return lock.isPassive() ? irql : Math.max(irql, lock.syncIrql);
    }

    private synchronized LockClass resolve(LockCore lock) {
        String key = lock.classKey();
        LockClass c = byName.get(key);
        if (c == null) {
            if (count == MAX_CLASSES) {
                if (!limitReported) {
                    limitReported = true;
                    System.getLogger(LockOrder.class.getName()).log(System.Logger.Level.WARNING,
                            "LockOrder: " + MAX_CLASSES + " lock classes reached; locks of new classes (first: " + key
                                    + ") are not validated. Name interrupts and locks by role, not by instance, to stay below it");
                }
                c = UNTRACKED;
            } else {
                c = new LockClass(this, count, key);
                classes[count++] = c;
                byName.put(key, c);
            }
        }
        lock.lockClass = c;
        return c;
    }

    /** First sight of {@code from -> to}: records it, and returns a finding if {@code to} already reaches {@code from}. */
    private synchronized Finding newEdge(LockClass from, LockClass to, ThreadState ts, LockCore heldLock, String call) {
        if (from.hasEdgeTo(to.id)) {
            return null;
        }
        String chain = chain(ts, heldLock, from, to, call);
        List<LockClass> back = path(to, from);
        from.chains.put(to.id, chain);
        int w = to.id >>> 6;
        BITS.setRelease(from.after, w, from.after[w] | (1L << to.id));
        if (back == null) {
            return null;
        }
        StringBuilder before = new StringBuilder();
        for (int i = 0; i + 1 < back.size(); i++) {
            before.append(i == 0 ? "" : "; and ").append(back.get(i).chains.get(back.get(i + 1).id));
        }
        return new Finding(Rule.LOCK_ORDER, to.name, call,
                "while holding " + from.name + ": possible deadlock, the opposite order was seen before. Earlier: " + before
                        + ". Now: " + chain,
                "take " + from.name + " and " + to.name + " in one order everywhere (lockdep's AB-BA)");
    }

    /** A path of edges from {@code start} to {@code goal}, both included, or null. Breadth-first; slow path only. */
    private List<LockClass> path(LockClass start, LockClass goal) {
        int[] previous = new int[count];
        java.util.Arrays.fill(previous, -2);
        ArrayDeque<LockClass> queue = new ArrayDeque<>();
        previous[start.id] = -1;
        queue.add(start);
        while (!queue.isEmpty()) {
            LockClass c = queue.poll();
            if (c == goal) {
                List<LockClass> path = new ArrayList<>();
                for (int id = goal.id; id != -1; id = previous[id]) {
                    path.addFirst(classes[id]);
                }
                return path;
            }
            for (int j = 0; j < count; j++) {
                if (previous[j] == -2 && c.hasEdgeTo(j)) {
                    previous[j] = c.id;
                    queue.add(classes[j]);
                }
            }
        }
        return null;
    }

    private synchronized Finding nested(LockClass c, ThreadState ts, LockCore heldLock, String call) {
        if (c.nestingReported) {
            return null;
        }
        c.nestingReported = true;
        return new Finding(Rule.LOCK_ORDER, c.name, call,
                "while holding another lock of the same class " + c.name + " (" + chain(ts, heldLock, c, c, call)
                        + "): two threads nesting two such locks in opposite orders deadlock",
                "do not nest two locks of one class; if the order is fixed by design, give the locks different names");
    }

    private synchronized Finding usage(LockClass c, boolean inIsr, int held, ThreadState ts, String call) {
        String where = Thread.currentThread().getName() + (ts.callbackSite == null ? "" : " " + ts.callbackSite)
                + " at " + Irql.of(held) + " (" + call + ")";
        if (inIsr) {
            if (held <= c.isrLevel) {
                return null;
            }
            c.isrLevel = held;
            c.isrChain = where;
        } else {
            if (held >= c.outsideLevel) {
                return null;
            }
            c.outsideLevel = held;
            c.outsideChain = where;
        }
        if (c.usageReported || c.isrLevel < 0 || c.outsideLevel >= c.isrLevel) {
            return null;
        }
        c.usageReported = true;
        return new Finding(Rule.LOCK_ORDER, c.name, call,
                "is taken in ISR context (" + c.isrChain + ") and held with that interrupt enabled (" + c.outsideChain
                        + "): irq-safe -> irq-unsafe, the ISR can come in over the holder and wait for it forever",
                "take " + c.name + " at the ISR's level everywhere (through the interrupt lock), or not in the ISR: queue a DPC");
    }

    /** "'A' (at X) then 'B' on thread 't' in uart0 work item (call)". Slow path only. */
    private String chain(ThreadState ts, LockCore heldLock, LockClass from, LockClass to, String call) {
        String site = verifier.callerSite(ts);
        return from.name + (heldLock.acquiredAt == null ? "" : " (taken " + heldLock.acquiredAt + ")")
                + " then " + to.name + (site == null ? "" : " (" + site + ")")
                + " on thread '" + Thread.currentThread().getName() + "'"
                + (ts.callbackSite == null ? "" : " " + ts.callbackSite)
                + (heldLock.heldByIsr() ? " in ISR context" : "");
    }

    /** How many lock classes are known; for tests. */
    synchronized int classCount() {
        return count;
    }
}
