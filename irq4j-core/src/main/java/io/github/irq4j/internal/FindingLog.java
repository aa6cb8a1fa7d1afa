package io.github.irq4j.internal;

import io.github.irq4j.FindingCount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bounded memory of findings (faults or violations, SPEC 4.3): the {@code capacity} most recent in
 * full, in a ring, plus an exact count per group of identical ones (kind, subject, place, message).
 * The group table holds at most {@link #MAX_GROUPS} groups; past that, a new group's findings are
 * counted in its kind's overflow group, so no count is lost and the memory stays bounded (kinds are
 * a fixed set: fault kinds, rule ids).
 *
 * <p>Any thread; {@link #add} takes this object's monitor briefly. Fault and violation paths only,
 * never a hot path that succeeded. A repeated finding allocates its group key only (the ring slot is
 * overwritten), so an ISR that throws forever does not grow the heap.
 *
 * @param <T> {@link io.github.irq4j.Fault} or {@link io.github.irq4j.Violation}
 */
final class FindingLog<T> {

    /** Default ring size of {@code Host.Builder.retainedFindings}. */
    static final int DEFAULT_CAPACITY = 1_000;
    /** Groups kept apart before the overflow groups take over. */
    static final int MAX_GROUPS = 1_024;

    private record Key(String kind, String subject, String where, String message) {
    }

    private final Object[] ring;
    /** Where the next finding goes; the ring holds min(total, capacity) findings ending before it. */
    private int next;
    private long total;
    /** Counts per group, in the order of their first finding. */
    private final Map<Key, long[]> groups = new LinkedHashMap<>();
    /** Overflow counts per kind, once {@link #groups} is full. */
    private final Map<String, long[]> others = new HashMap<>();

    FindingLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: at least 1)");
        }
        this.ring = new Object[capacity];
    }

    /** Records {@code finding} in the ring and counts it in its group. */
    synchronized void add(T finding, String kind, String subject, String where, String message) {
        ring[next] = finding;
        next = next + 1 == ring.length ? 0 : next + 1;
        total++;
        Key key = new Key(kind, subject, where, message);
        long[] count = groups.get(key);
        if (count == null) {
            if (groups.size() < MAX_GROUPS) {
                groups.put(key, new long[] {1});
                return;
            }
            count = others.computeIfAbsent(kind, k -> new long[1]);
        }
        count[0]++;
    }

    /** The findings the ring still holds, oldest first. */
    @SuppressWarnings("unchecked")
    synchronized List<T> recent() {
        int n = (int) Math.min(total, ring.length);
        List<T> out = new ArrayList<>(n);
        int start = n < ring.length ? 0 : next;
        for (int k = 0; k < n; k++) {
            out.add((T) ring[(start + k) % ring.length]);
        }
        return List.copyOf(out);
    }

    /** Every group with its exact count, in first-seen order, then the overflow groups. */
    synchronized List<FindingCount> counts() {
        List<FindingCount> out = new ArrayList<>(groups.size() + others.size());
        groups.forEach((k, c) -> out.add(new FindingCount(k.kind(), k.subject(), k.where(), k.message(), c[0])));
        others.forEach((kind, c) -> out.add(new FindingCount(kind, FindingCount.OTHER, FindingCount.OTHER, FindingCount.OTHER, c[0])));
        return List.copyOf(out);
    }

    /** How many findings were recorded in all. */
    synchronized long total() {
        return total;
    }
}
