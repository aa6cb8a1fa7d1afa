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
        sb.append(String.format(Locale.ROOT, "%-10s %-9s %9s %9s %9s %9s %9s %9s %15s%n",
                "mode", "side", "count", "p50", "p90", "p99", "p99.9", "max", "handled/sent"));
        for (ModeResult m : modes) {
            row(sb, m.mode().label(), "C", m.cMedian(), handled(m.c()));
            row(sb, m.mode().label(), "irq4j", m.irq4jMedian(), handled(m.irq4j()));
            sb.append(String.format(Locale.ROOT, "%-10s %-9s %9s", m.mode().label(), "irq4j/C", ""));
            for (double r : m.ratios()) {
                sb.append(String.format(Locale.ROOT, " %9.2f", r));
            }
            sb.append(System.lineSeparator());
            Percentiles dpc = m.dpcMedian();
            if (dpc != null) {
                row(sb, m.mode().label(), "ISR->DPC", dpc, "");
            }
        }
        sb.append(String.format(Locale.ROOT, "%nrounds (p50 / p99 / max, us):%n"));
        for (ModeResult m : modes) {
            for (int i = 0; i < m.c().size(); i++) {
                sb.append(String.format(Locale.ROOT, "%-10s round %d   C %s   irq4j %s%n", m.mode().label(), i + 1,
                        brief(m.c().get(i).latency()), brief(m.irq4j().get(i).latency())));
            }
        }
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

    private static List<RunResult> concat(List<RunResult> a, List<RunResult> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static String handled(List<RunResult> runs) {
        long handled = runs.stream().mapToLong(RunResult::handledEdges).sum();
        long sent = runs.stream().mapToLong(RunResult::sent).sum();
        return handled + "/" + sent;
    }

    private static void row(StringBuilder sb, String mode, String side, Percentiles p, String handled) {
        sb.append(String.format(Locale.ROOT, "%-10s %-9s %9d", mode, side, p.count()));
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
