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

    /** Verifier findings and faults, or a line saying there were none. */
    static void findings(PrintWriter out, List<Violation> violations, List<Fault> faults) {
        if (violations.isEmpty() && faults.isEmpty()) {
            out.println("verifier: no violations, no faults");
            return;
        }
        out.println("verifier: " + violations.size() + " violation(s), " + faults.size() + " fault(s)");
        for (Violation v : violations) {
            out.println("  violation " + v.rule() + ": " + v.message());
        }
        for (Fault f : faults) {
            out.println("  fault " + f);
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
