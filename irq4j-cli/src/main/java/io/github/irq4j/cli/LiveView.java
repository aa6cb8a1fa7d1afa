package io.github.irq4j.cli;

import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptStatistics;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The view printed while a run goes on, every half second. On a terminal it is a table redrawn in
 * place, like {@code top}: one row per interrupt, up to {@link #ROWS_PER_DEVICE} per device and the rest
 * summed in one row (its ISR rate, ISR calls, claimed, DPC and
 * work-item runs, p99 of dispatch latency and ISR duration so far), then per device its requests
 * and verifier findings. Off a terminal (piped, redirected, {@code --json}) it is one plain line
 * per update, summed over the main device's interrupts, which scripts and the tests match.
 *
 * <p>The ANSI is two sequences (cursor up N lines, clear to the end of the screen), so no terminal
 * library: anything more (colours, resizing) would be JLine's job. Main (sampler) thread only.
 */
final class LiveView {

    /** One device on the view: its session, measurements and read client (null: no reads sent). */
    record Side(RunSession session, Monitor monitor, ReadClient client) {
    }

    /** Interrupt rows per device in the table; the rest are summed in one row (sources=10000 would fill any screen). */
    static final int ROWS_PER_DEVICE = 24;

    private final PrintWriter out;
    private final boolean ansi;
    private final long startNanos;
    /** Lines of the block drawn last (ANSI mode), to move back over. */
    private int drawn;
    /** Plain mode: ISR calls summed at the last update. */
    private long lastIsr;
    private long lastNanos;
    /** ANSI mode: ISR calls per interrupt name at the last update. */
    private final Map<String, Long> lastIsrByName = new HashMap<>();

    /**
     * @param ansi redraw in place (a terminal, see {@link io.github.irq4j.cli.spi.Terminal#stdoutIsTerminal()}); false: plain lines
     */
    LiveView(PrintWriter out, boolean ansi) {
        this(out, ansi, System.nanoTime());
    }

    LiveView(PrintWriter out, boolean ansi, long startNanos) {
        this.out = out;
        this.ansi = ansi;
        this.startNanos = startNanos;
        this.lastNanos = startNanos;
    }

    /** The plain line (or the redrawn table) for the main side alone. */
    void show(RunSession session, Monitor monitor, ReadClient client) {
        show(List.of(new Side(session, monitor, client)), System.nanoTime());
    }

    /** One update at {@code now} (System.nanoTime); the first side is the main device. */
    void show(List<Side> sides, long now) {
        if (ansi) {
            redraw(table(sides, now));
        } else {
            out.println(plainLine(sides.getFirst(), now));
        }
        out.flush();
    }

    /** The plain line; the existing scripts and tests match its start ({@code t=  1.0s  interrupts=N}). */
    String plainLine(Side side, long now) {
        InterruptStatistics s = TextReport.sum(side.session().rows());
        double secs = (now - startNanos) / 1e9;
        double rate = (s.isrCalls() - lastIsr) / Math.max(1e-9, (now - lastNanos) / 1e9);
        lastIsr = s.isrCalls();
        lastNanos = now;
        Monitor monitor = side.monitor();
        return String.format(Locale.ROOT,
                "t=%5.1fs  interrupts=%d (%.0f/s)  claimed=%d  deferred runs=%d  reads done/sent=%s  p99 dispatch=%s us  p99 deferred=%s us  findings=%d",
                secs, s.isrCalls(), rate, s.claimed(), s.dpcRuns() + s.workItemRuns(), reads(side.client()),
                p99(monitor.dispatchLatency), p99(monitor.deferred), findings(side.session()));
    }

    /** The table of the ANSI mode, one row per interrupt of every side. */
    List<String> table(List<Side> sides, long now) {
        double secs = (now - startNanos) / 1e9;
        double interval = Math.max(1e-9, (now - lastNanos) / 1e9);
        lastNanos = now;
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "irq4j live  t=%6.1fs   (Ctrl-C ends the run with the report)", secs));
        lines.add(String.format(Locale.ROOT, "%-18s %9s %10s %10s %9s %10s %9s %9s",
                "INTERRUPT", "ISR/s", "ISRs", "claimed", "DPC runs", "work items", "p99 disp", "p99 ISR"));
        for (Side side : sides) {
            List<Interrupt> interrupts = side.session().device().interrupts();
            long restNewIsrs = 0;
            long restIsrs = 0;
            long restClaimed = 0;
            long restDpcs = 0;
            long restWorkItems = 0;
            for (int i = 0; i < interrupts.size(); i++) {
                Interrupt irq = interrupts.get(i);
                InterruptStatistics s = irq.statistics();
                long before = lastIsrByName.getOrDefault(irq.name(), 0L);
                lastIsrByName.put(irq.name(), s.isrCalls());
                if (i >= ROWS_PER_DEVICE) {
                    restNewIsrs += s.isrCalls() - before;
                    restIsrs += s.isrCalls();
                    restClaimed += s.claimed();
                    restDpcs += s.dpcRuns();
                    restWorkItems += s.workItemRuns();
                    continue;
                }
                MeasuringSource m = side.monitor().sourceOf(i);
                lines.add(String.format(Locale.ROOT, "%-18s %9.0f %10d %10d %9d %10d %9s %9s", clip(irq.name(), 18),
                        (s.isrCalls() - before) / interval, s.isrCalls(), s.claimed(), s.dpcRuns(), s.workItemRuns(),
                        m == null ? "-" : p99(m.latency().dispatchTotal), m == null ? "-" : p99(m.latency().isrTotal)));
            }
            if (interrupts.size() > ROWS_PER_DEVICE) {
                lines.add(String.format(Locale.ROOT, "%-18s %9.0f %10d %10d %9d %10d %9s %9s",
                        "+" + (interrupts.size() - ROWS_PER_DEVICE) + " more", restNewIsrs / interval, restIsrs, restClaimed, restDpcs,
                        restWorkItems, "", ""));
            }
        }
        for (Side side : sides) {
            lines.add(String.format(Locale.ROOT, "%-18s requests done/sent %s   p99 ISR->deferred %s us   findings %d",
                    clip(side.session().device().name(), 18), reads(side.client()), p99(side.monitor().deferred),
                    findings(side.session())));
        }
        lines.add("(latencies in us: p99 disp = dispatch wake -> ISR start, p99 ISR = ISR duration, since the start)");
        return lines;
    }

    private void redraw(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        if (drawn > 0) {
            sb.append("\033[").append(drawn).append('A').append("\033[J");   // back to the block's first line, clear below
        }
        for (String l : lines) {
            sb.append(l).append('\n');
        }
        out.print(sb);
        drawn = lines.size();
    }

    /** Ends the view; the report that follows starts on a line of its own. */
    void finish() {
        if (ansi && drawn > 0) {
            out.println();
        }
        out.flush();
    }

    private static String reads(ReadClient client) {
        return client == null ? "-" : client.succeeded.get() + "/" + client.sent.get();
    }

    private static int findings(RunSession session) {
        return session.violations().size() + session.faults().size();
    }

    private static String p99(Histogram h) {
        return h.getTotalCount() == 0 ? "-" : String.format(Locale.ROOT, "%.1f", h.getValueAtPercentile(99) / 1000.0);
    }

    private static String clip(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "~";
    }
}
