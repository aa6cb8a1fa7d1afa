package io.github.irq4j.cli;

import io.github.irq4j.InterruptStatistics;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The view printed while a run goes on, every half second: on a terminal a block redrawn in place
 * (ANSI cursor-up and clear), otherwise one plain line per update.
 */
final class LiveView {

    private final PrintWriter out;
    private final boolean ansi;
    private final long startNanos = System.nanoTime();
    /** Lines of the block drawn last (ANSI mode), to move back over. */
    private int drawn;
    private long lastIsr;
    private long lastNanos = startNanos;

    LiveView(PrintWriter out, boolean ansi) {
        this.out = out;
        this.ansi = ansi;
    }

    void show(RunSession session, Monitor monitor, ReadClient client) {
        long now = System.nanoTime();
        InterruptStatistics s = TextReport.sum(session.rows());
        double secs = (now - startNanos) / 1e9;
        double rate = (s.isrCalls() - lastIsr) / ((now - lastNanos) / 1e9);
        lastIsr = s.isrCalls();
        lastNanos = now;
        String reads = client == null ? "-" : client.succeeded.get() + "/" + client.sent.get();
        String p99 = monitor.dispatchLatency.getTotalCount() == 0 ? "-"
                : String.format("%.1f", monitor.dispatchLatency.getValueAtPercentile(99) / 1000.0);
        String dp99 = monitor.deferred.getTotalCount() == 0 ? "-"
                : String.format("%.1f", monitor.deferred.getValueAtPercentile(99) / 1000.0);
        int findings = session.violations().size() + session.faults().size();
        if (!ansi) {
            out.printf("t=%5.1fs  interrupts=%d (%.0f/s)  claimed=%d  deferred runs=%d  reads done/sent=%s  p99 dispatch=%s us  p99 deferred=%s us  findings=%d%n",
                    secs, s.isrCalls(), rate, s.claimed(), s.dpcRuns() + s.workItemRuns(), reads, p99, dp99, findings);
            out.flush();
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format("irq4j live  t=%5.1fs", secs));
        lines.add(String.format("  interrupts %10d   %8.0f/s   claimed %d   coalesced %d   lost %d",
                s.isrCalls(), rate, s.claimed(), s.coalesced(), s.lost()));
        lines.add(String.format("  DPC runs %d   work-item runs %d", s.dpcRuns(), s.workItemRuns()));
        lines.add(String.format("  reads completed/sent %s", reads));
        lines.add(String.format("  latency p99: dispatch->ISR %s us   ISR->DPC/work item %s us", p99, dp99));
        lines.add(String.format("  verifier findings %d", findings));
        StringBuilder sb = new StringBuilder();
        if (drawn > 0) {
            sb.append("\033[").append(drawn).append('A').append("\033[J");
        }
        for (String l : lines) {
            sb.append(l).append('\n');
        }
        out.print(sb);
        out.flush();
        drawn = lines.size();
    }

    void finish() {
        if (ansi && drawn > 0) {
            out.println();
        }
        out.flush();
    }
}
