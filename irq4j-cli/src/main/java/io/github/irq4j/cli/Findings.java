package io.github.irq4j.cli;

import io.github.irq4j.Fault;
import io.github.irq4j.FindingCount;
import io.github.irq4j.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A run's violations and faults grouped for a report a person can read: identical findings (a
 * violation with the same message, which names the rule, interrupt, thread and level; a fault of the
 * same kind, device, place and message) form one group, kept in the order of its first occurrence,
 * with its count. The totals stay exact: from a host, the counts are the host's exact group counts
 * ({@code Host.faultCounts()}, {@code Host.violationCounts()}), so findings whose details the host's
 * bounded ring dropped are still counted, in their group or in the {@code unlisted} totals.
 *
 * @param violations the violation groups
 * @param violationCount the number of violations
 * @param faults the fault groups
 * @param faultCount the number of faults
 * @param violationsUnlisted violations counted whose group has no example left in the host's ring
 * @param faultsUnlisted faults likewise
 */
record Findings(List<Group<Violation>> violations, long violationCount, List<Group<Fault>> faults, long faultCount,
                long violationsUnlisted, long faultsUnlisted) {

    /** Findings shown one per group in the text report; the rest are summed up in one line (JSON has them all). */
    static final int TEXT_GROUPS = 20;

    /**
     * One group of identical findings.
     *
     * @param first the first occurrence
     * @param count how many there were, at least 1
     */
    record Group<T>(T first, long count) {
    }

    static Findings of(List<Violation> violations, List<Fault> faults) {
        return new Findings(group(violations, Findings::violationKey), violations.size(),
                group(faults, Findings::faultKey), faults.size(), 0, 0);
    }

    /**
     * The host's findings: examples from its ring of recent ones, counts from its exact group
     * counts. A group whose example the ring dropped is counted in the unlisted totals.
     */
    static Findings of(List<Violation> violations, List<Fault> faults, List<FindingCount> violationCounts,
                       List<FindingCount> faultCounts) {
        List<Group<Violation>> vs = exact(group(violations, Findings::violationKey), Findings::violationKey, violationCounts);
        List<Group<Fault>> fs = exact(group(faults, Findings::faultKey), Findings::faultKey, faultCounts);
        long vTotal = total(violationCounts);
        long fTotal = total(faultCounts);
        return new Findings(vs, vTotal, fs, fTotal, vTotal - listed(vs), fTotal - listed(fs));
    }

    private static String violationKey(Violation v) {
        return key(v.rule().id(), v.interrupt(), v.acquiredAt(), v.message());
    }

    private static String faultKey(Fault f) {
        return key(f.kind().name(), f.device(), f.where(), f.message());
    }

    private static String key(String kind, String subject, String where, String message) {
        return kind + "\u0000" + subject + "\u0000" + where + "\u0000" + message;
    }

    private static <T> List<Group<T>> exact(List<Group<T>> sampled, Function<T, String> key, List<FindingCount> counts) {
        Map<String, Long> exact = new LinkedHashMap<>();
        for (FindingCount c : counts) {
            exact.put(key(c.kind(), c.subject(), c.where(), c.message()), c.count());
        }
        List<Group<T>> out = new ArrayList<>(sampled.size());
        for (Group<T> g : sampled) {
            out.add(new Group<>(g.first(), exact.getOrDefault(key.apply(g.first()), g.count())));
        }
        return List.copyOf(out);
    }

    private static long total(List<FindingCount> counts) {
        return counts.stream().mapToLong(FindingCount::count).sum();
    }

    private static long listed(List<? extends Group<?>> groups) {
        return groups.stream().mapToLong(Group::count).sum();
    }

    boolean isEmpty() {
        return violationCount == 0 && faultCount == 0;
    }

    private static <T> List<Group<T>> group(List<T> items, Function<T, String> key) {
        Map<String, T> first = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (T item : items) {
            String k = key.apply(item);
            first.putIfAbsent(k, item);
            counts.merge(k, 1L, Long::sum);
        }
        List<Group<T>> groups = new ArrayList<>(first.size());
        first.forEach((k, item) -> groups.add(new Group<>(item, counts.get(k))));
        return List.copyOf(groups);
    }
}
