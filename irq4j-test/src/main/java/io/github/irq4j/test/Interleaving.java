package io.github.irq4j.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The schedule of one run, as a failure message shows it: the preemptions (which callback or
 * device event ran at which register access, and during which step), then every choice.
 * <pre>
 * interleaving of seed 2 (1 preemption):
 *   #9 t=3000ns during 'action read#1': at uart0.regs+0x10 (write) ran isr irq4j-isr-uart0.pic (the ISR of uart0.irq)
 * </pre>
 *
 * @param seed the run's seed
 * @param trace the scheduler's choices, one per entry ({@link io.github.irq4j.sim.DeterministicScheduler#trace()})
 * @param isrs for each dispatch loop named in the trace, the interrupts whose ISRs it runs ({@code "uart0.irq"})
 */
public record Interleaving(long seed, List<String> trace, Map<String, String> isrs) {

    /** How many entries of the full schedule a message shows at most (the last ones). */
    public static final int MAX_SCHEDULE_LINES = 400;

    private static final String PREEMPT = "  preempt at ";

    public Interleaving {
        trace = List.copyOf(trace);
        isrs = Map.copyOf(isrs);
    }

    /** An interleaving without ISR names. */
    public Interleaving(long seed, List<String> trace) {
        this(seed, trace, Map.of());
    }

    /**
     * The preemptions, one line each: {@code #9 t=3000ns during 'action read#1': at uart0.regs+0x10
     * (write) ran isr irq4j-isr-uart0.pic}.
     */
    public List<String> preemptions() {
        List<String> out = new ArrayList<>();
        String during = "?";
        for (String e : trace) {
            int body = e.indexOf("ns ") + 3;
            int p = e.indexOf(PREEMPT);
            if (p < 0) {
                during = body > 2 ? e.substring(body) : e;
                continue;
            }
            String where = e.substring(p + PREEMPT.length());
            int colon = where.indexOf("): ");
            String access = colon < 0 ? where : where.substring(0, colon + 1);
            String what = colon < 0 ? "" : where.substring(colon + 3);
            out.add(e.substring(0, p).stripTrailing() + " during '" + during + "': at " + access + " ran " + what + isrOf(what));
        }
        return out;
    }

    /** {@code " (the ISR of uart0.irq)"} if {@code what} is a dispatch loop whose interrupts are known. */
    private String isrOf(String what) {
        if (!what.startsWith("isr ")) {
            return "";
        }
        String names = isrs.get(what.substring(4));
        return names == null ? "" : " (the ISR of " + names + ")";
    }

    /** A short fingerprint of the whole schedule: entries and a hash, equal for equal schedules. */
    public String fingerprint() {
        return trace.size() + " choices, hash " + Integer.toHexString(trace.hashCode());
    }

    /** The preemptions and the schedule (its last {@link #MAX_SCHEDULE_LINES} entries), for a failure message. */
    public String describe() {
        List<String> pre = preemptions();
        StringBuilder sb = new StringBuilder("interleaving of seed ").append(seed).append(" (").append(pre.size())
                .append(pre.size() == 1 ? " preemption" : " preemptions").append(" at register accesses):");
        if (pre.isEmpty()) {
            sb.append("\n  (none: every callback ran as a step of its own)");
        }
        for (String p : pre) {
            sb.append("\n  ").append(p);
        }
        sb.append("\nschedule (").append(fingerprint()).append("):");
        int from = Math.max(0, trace.size() - MAX_SCHEDULE_LINES);
        if (from > 0) {
            sb.append("\n  ... ").append(from).append(" earlier entries");
        }
        for (int i = from; i < trace.size(); i++) {
            sb.append("\n  ").append(trace.get(i));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
