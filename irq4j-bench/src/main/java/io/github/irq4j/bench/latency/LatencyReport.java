package io.github.irq4j.bench.latency;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The harness's result: the configuration, what ran, and each mode's runs.
 *
 * @param config what was run
 * @param compilerVersion the C compiler's {@code --version} line
 * @param javaVersion {@code Runtime.version()}
 * @param cpus available processors
 * @param modes one result per mode, in the configuration's order
 */
public record LatencyReport(LatencyConfig config, String compilerVersion, String javaVersion, int cpus,
                            List<ModeResult> modes) {

    public LatencyReport {
        Objects.requireNonNull(config, "config");
        modes = List.copyOf(modes);
    }

    /** Whether every run of every mode handled every signal exactly once. */
    public boolean nothingLost() {
        return modes.stream().allMatch(ModeResult::nothingLost);
    }

    /** The report as text: the table of medians and ratios, the rounds, the loss accounting. */
    public String format() {
        StringBuilder sb = new StringBuilder(4096);
        int rounds = config.rounds();
        sb.append(String.format(Locale.ROOT,
                "Interrupt latency against C: eventfd signal -> handler, %,d interrupts (+%,d warm-up) per run, "
                        + "one every %s at most, %d round%s of C then irq4j per mode%n",
                config.interrupts(), config.warmup(), micros(config.periodNs()) + " us", rounds, rounds == 1 ? "" : "s"));
        sb.append(String.format(Locale.ROOT, "C: %s %s; irq4j: Java %s, verifier THROW, no acquire sites%s; %d CPUs; hybrid spin %s us%n",
                compilerVersion, String.join(" ", CBaseline.FLAGS), javaVersion, config.dpc() ? ", ISR queues a DPC" : "",
                cpus, micros(config.hybridSpinNs())));
        sb.append(String.format(Locale.ROOT, "%nmicroseconds, each percentile the median over the rounds%n"));
        String modeColumn = "%-" + modeWidth() + "s";
        String sideColumn = modes.stream().anyMatch(m -> compared(m) != null) ? "%-17s" : "%-9s";
        sb.append(String.format(Locale.ROOT, modeColumn + " " + sideColumn + " %9s %9s %9s %9s %9s %9s %15s%n",
                "mode", "side", "count", "p50", "p90", "p99", "p99.9", "max", "handled/sent"));
        for (ModeResult m : modes) {
            String label = String.format(Locale.ROOT, modeColumn, m.mode().label());
            label = label + " " + sideColumn;
            row(sb, label, "C", m.cMedian(), handled(m.c()));
            row(sb, label, "irq4j", m.irq4jMedian(), handled(m.irq4j()));
            ratioRow(sb, label, "irq4j/C", m.ratios());
            ModeResult base = compared(m);
            if (base != null) {
                // e.g. does the io_uring ring beat C's read(2) loop: each side against C's busy-poll
                String against = "/C " + base.mode().label();
                ratioRow(sb, label, "C" + against, m.cMedian().ratioTo(base.cMedian()));
                ratioRow(sb, label, "irq4j" + against, m.irq4jMedian().ratioTo(base.cMedian()));
            }
            Percentiles dpc = m.dpcMedian();
            if (dpc != null) {
                row(sb, label, "ISR->DPC", dpc, "");
            }
        }
        sb.append(String.format(Locale.ROOT, "%nrounds (p50 / p99 / max, us):%n"));
        for (ModeResult m : modes) {
            for (int i = 0; i < m.c().size(); i++) {
                sb.append(String.format(Locale.ROOT, modeColumn + " round %d   C %s   irq4j %s%n", m.mode().label(), i + 1,
                        brief(m.c().get(i).latency()), brief(m.irq4j().get(i).latency())));
            }
        }
        path(sb, modeColumn);
        sb.append(System.lineSeparator());
        if (nothingLost()) {
            sb.append(String.format(Locale.ROOT,
                    "nothing lost: in all %d runs every signal was handled exactly once (edges read = signals sent, one handler call each)%n",
                    2 * rounds * modes.size()));
        } else {
            for (ModeResult m : modes) {
                for (RunResult r : concat(m.c(), m.irq4j())) {
                    if (!r.nothingLost()) {
                        sb.append(String.format(Locale.ROOT,
                                "LOST: %s %s round %d: sent %d, edges handled %d, handler calls %d, coalesced %d%n",
                                r.side(), r.mode().label(), r.round(), r.sent(), r.handledEdges(), r.handlerCalls(), r.coalesced()));
                    }
                }
            }
        }
        return sb.toString();
    }

    /**
     * What the latency is made of, per side, medians over the rounds: the device's signal call (its
     * stamp to the call returning: the part spent before and in the write) and the handler's time
     * per {@code read(2)} (in busy-poll, one poll: a signal waits for the poll in progress to end).
     */
    private void path(StringBuilder sb, String modeColumn) {
        sb.append(String.format(Locale.ROOT, "%npath (medians over the rounds): signal call = the device's stamp to its write(2)"
                + " (irq4j: EventFdSource.signal) returning; per read = the run's time over the handler thread's read(2) calls%n"));
        for (ModeResult m : modes) {
            sb.append(String.format(Locale.ROOT, modeColumn + " signal call  C %s us  irq4j %s us   per read  C %s ns  irq4j %s ns%n",
                    m.mode().label(), microsOrUnknown(ModeResult.medianSignalCallNs(m.c())),
                    microsOrUnknown(ModeResult.medianSignalCallNs(m.irq4j())),
                    nanosOrUnknown(ModeResult.medianNsPerHandlerRead(m.c())), nanosOrUnknown(ModeResult.medianNsPerHandlerRead(m.irq4j()))));
        }
    }

    private static String microsOrUnknown(long ns) {
        return ns < 0 ? "?" : micros(ns);
    }

    private static String nanosOrUnknown(double ns) {
        return ns < 0 ? "?" : String.format(Locale.ROOT, "%.0f", ns);
    }

    /** The mode column's width: 10, or the longest label. */
    private int modeWidth() {
        return Math.max(10, modes.stream().mapToInt(m -> m.mode().label().length()).max().orElse(0));
    }

    /** The result of the mode {@code m} is also compared with ({@link LatencyMode#comparedWith()}), if it ran; else null. */
    public ModeResult compared(ModeResult m) {
        LatencyMode base = m.mode().comparedWith();
        return base == null ? null : modes.stream().filter(r -> r.mode() == base).findFirst().orElse(null);
    }

    /** One row of ratios; {@code label} is the mode column, then the side column's format. */
    private static void ratioRow(StringBuilder sb, String label, String what, double[] ratios) {
        sb.append(String.format(Locale.ROOT, label + " %9s", what, ""));
        for (double r : ratios) {
            sb.append(String.format(Locale.ROOT, " %9.2f", r));
        }
        sb.append(System.lineSeparator());
    }

    private static List<RunResult> concat(List<RunResult> a, List<RunResult> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static String handled(List<RunResult> runs) {
        long handled = runs.stream().mapToLong(RunResult::handledEdges).sum();
        long sent = runs.stream().mapToLong(RunResult::sent).sum();
        return handled + "/" + sent;
    }

    private static void row(StringBuilder sb, String label, String side, Percentiles p, String handled) {
        sb.append(String.format(Locale.ROOT, label + " %9d", side, p.count()));
        for (long v : p.values()) {
            sb.append(String.format(Locale.ROOT, " %9s", micros(v)));
        }
        sb.append(String.format(Locale.ROOT, " %15s%n", handled));
    }

    private static String brief(Percentiles p) {
        return micros(p.p50()) + " / " + micros(p.p99()) + " / " + micros(p.max());
    }

    /** Nanoseconds as microseconds with two decimals. */
    static String micros(long ns) {
        return String.format(Locale.ROOT, "%.2f", ns / 1000.0);
    }
}
