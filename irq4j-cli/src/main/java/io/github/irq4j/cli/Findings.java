package io.github.irq4j.cli;

import io.github.irq4j.Fault;
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
 * with its count. The totals stay exact.
 *
 * @param violations the violation groups
 * @param violationCount the number of violations
 * @param faults the fault groups
 * @param faultCount the number of faults
 */
record Findings(List<Group<Violation>> violations, int violationCount, List<Group<Fault>> faults, int faultCount) {

    /** Findings shown one per group in the text report; the rest are summed up in one line (JSON has them all). */
    static final int TEXT_GROUPS = 20;

    /**
     * One group of identical findings.
     *
     * @param first the first occurrence
     * @param count how many there were, at least 1
     */
    record Group<T>(T first, int count) {
    }

    static Findings of(List<Violation> violations, List<Fault> faults) {
        return new Findings(group(violations, Violation::message), violations.size(),
                group(faults, f -> f.kind() + "\u0000" + f.device() + "\u0000" + f.where() + "\u0000" + f.message()), faults.size());
    }

    boolean isEmpty() {
        return violationCount == 0 && faultCount == 0;
    }

    private static <T> List<Group<T>> group(List<T> items, Function<T, String> key) {
        Map<String, T> first = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (T item : items) {
            String k = key.apply(item);
            first.putIfAbsent(k, item);
            counts.merge(k, 1, Integer::sum);
        }
        List<Group<T>> groups = new ArrayList<>(first.size());
        first.forEach((k, item) -> groups.add(new Group<>(item, counts.get(k))));
        return List.copyOf(groups);
    }
}
