package io.github.irq4j.cli;

import io.github.irq4j.Fault;
import io.github.irq4j.InterruptStatistics;
import io.github.irq4j.Violation;
import java.io.PrintWriter;
import java.util.List;

/** The final report of {@code run} and {@code demo}, and the table of {@code stat}. */
final class TextReport {

    private TextReport() {
    }

    /** The counters like {@code /proc/interrupts}: one row per interrupt. */
    static void counters(PrintWriter out, List<StatsFile.Row> rows) {
        int w = "interrupt".length();
        for (StatsFile.Row r : rows) {
            w = Math.max(w, r.interrupt().length());
        }
        StringBuilder head = new StringBuilder(String.format("%-" + w + "s", "interrupt"));
        for (String c : StatsFile.COLUMNS) {
            head.append(String.format(" %" + Math.max(10, c.length()) + "s", c));
        }
        out.println(head);
        for (StatsFile.Row r : rows) {
            StringBuilder line = new StringBuilder(String.format("%-" + w + "s", r.interrupt()));
            long[] v = StatsFile.values(r.stats());
            for (int i = 0; i < v.length; i++) {
                line.append(String.format(" %" + Math.max(10, StatsFile.COLUMNS[i].length()) + "d", v[i]));
            }
            out.println(line);
        }
    }

    /**
     * Verifier findings and faults, or a line saying there were none: the exact totals, then each
     * group of identical findings once with its count ({@code x930}), the first
     * {@link Findings#TEXT_GROUPS} groups of each kind.
     */
    static void findings(PrintWriter out, List<Violation> violations, List<Fault> faults) {
        findings(out, Findings.of(violations, faults));
    }

    /** As above, for findings with the host's exact counts. */
    static void findings(PrintWriter out, Findings f) {
        if (f.isEmpty()) {
            out.println("verifier: no violations, no faults");
            return;
        }
        out.println("verifier: " + f.violationCount() + " violation(s) (" + f.violations().size() + " distinct), "
                + f.faultCount() + " fault(s) (" + f.faults().size() + " distinct)");
        groups(out, "violation", f.violations(), Violation::message);
        unlisted(out, "violation", f.violationsUnlisted());
        groups(out, "fault", f.faults(), Fault::toString);
        unlisted(out, "fault", f.faultsUnlisted());
    }

    private static void unlisted(PrintWriter out, String what, long n) {
        if (n > 0) {
            out.println("  ... " + n + " older " + what + "(s) counted whose details the host no longer keeps (Host.Builder.retainedFindings)");
        }
    }

    private static <T> void groups(PrintWriter out, String what, List<Findings.Group<T>> groups,
                                   java.util.function.Function<T, String> text) {
        int shown = Math.min(groups.size(), Findings.TEXT_GROUPS);
        for (int g = 0; g < shown; g++) {
            Findings.Group<T> group = groups.get(g);
            out.println(String.format("  x%-6d %s %s", group.count(), what, text.apply(group.first())));
        }
        if (groups.size() > shown) {
            long rest = 0;
            for (int g = shown; g < groups.size(); g++) {
                rest += groups.get(g).count();
            }
            out.println("  ... " + (groups.size() - shown) + " more distinct " + what + "(s), " + rest
                    + " in all (the JSON report, --json, lists every group)");
        }
    }

    static InterruptStatistics sum(List<StatsFile.Row> rows) {
        long[] t = new long[StatsFile.COLUMNS.length];
        for (StatsFile.Row r : rows) {
            long[] v = StatsFile.values(r.stats());
            for (int i = 0; i < t.length; i++) {
                t[i] += v[i];
            }
        }
        return new InterruptStatistics(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9]);
    }
}
