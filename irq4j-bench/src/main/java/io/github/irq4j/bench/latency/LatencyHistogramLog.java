package io.github.irq4j.bench.latency;

import java.io.PrintStream;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * A harness report's latency distributions in HdrHistogram's log format: one interval line per
 * run, tagged {@code MODE.SIDE} ({@code busy-poll.C}, {@code busy-poll.irq4j}, and
 * {@code busy-poll.isrToDpc} with {@code --dpc}); the rounds of a tag are separate lines, which a
 * reader sums (as {@code irq4j plot} does). Values in nanoseconds. The format is the one
 * {@code irq4j demo --histogram} writes, so one plot can hold both.
 */
public final class LatencyHistogramLog {

    private LatencyHistogramLog() {
    }

    /** The tag of one side of one mode. */
    public static String tag(LatencyMode mode, String side) {
        return mode.label() + "." + side;
    }

    /**
     * Writes every run's histogram that the report kept.
     *
     * @param startMs when the harness started, milliseconds since the epoch
     * @param endMs when it ended
     * @return the number of histograms written
     */
    public static int write(LatencyReport report, long startMs, long endMs, PrintStream out) {
        HistogramLogWriter w = new HistogramLogWriter(out);
        LatencyConfig c = report.config();
        w.outputComment(String.format(Locale.ROOT, "irq4j bench: eventfd signal -> handler, %d interrupts per run, %d round(s), "
                + "period %d ns, C %s, Java %s, %d CPUs; values in nanoseconds", c.interrupts(), c.rounds(), c.periodNs(),
                report.compilerVersion(), report.javaVersion(), report.cpus()));
        w.outputLogFormatVersion();
        w.outputStartTime(startMs);
        w.setBaseTime(startMs);
        w.outputLegend();
        int n = 0;
        for (ModeResult m : report.modes()) {
            for (RunResult r : m.c()) {
                n += line(w, r.latencyHistogram(), tag(m.mode(), RunResult.C), startMs, endMs);
            }
            for (RunResult r : m.irq4j()) {
                n += line(w, r.latencyHistogram(), tag(m.mode(), RunResult.IRQ4J), startMs, endMs);
                n += line(w, r.isrToDpcHistogram(), tag(m.mode(), "isrToDpc"), startMs, endMs);
            }
        }
        out.flush();
        return n;
    }

    private static int line(HistogramLogWriter w, Histogram h, String tag, long startMs, long endMs) {
        if (h == null) {
            return 0;
        }
        Histogram copy = h.copy();
        copy.setTag(tag);
        copy.setStartTimeStamp(startMs);
        copy.setEndTimeStamp(Math.max(startMs, endMs));
        w.outputIntervalHistogram(copy);
        return 1;
    }
}
