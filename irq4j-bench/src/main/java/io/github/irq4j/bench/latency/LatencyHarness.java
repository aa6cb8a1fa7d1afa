package io.github.irq4j.bench.latency;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The interrupt latency harness: the same experiment (a device thread signals an eventfd, a
 * handler stamps the wake-up; see {@code eventfd_latency.c}) once in C and once through irq4j,
 * alternately, C then irq4j, for each round of each mode; then each side's percentiles (medians
 * over the rounds), irq4j / C per percentile, and the loss accounting of every run.
 * <pre>{@code
 * LatencyReport report = LatencyHarness.run(LatencyConfig.defaults(), System.err::println);
 * System.out.print(report.format());
 * }</pre>
 * From the command line: {@code ./irq4j bench}, or
 * {@code java --enable-native-access=ALL-UNNAMED -cp ... io.github.irq4j.bench.latency.LatencyHarness [options]}
 * with the options {@code --interrupts N --warmup N --rounds R --mode blocking|busy-poll|hybrid|busy-poll-uring|all (or several, comma-separated)
 * --period-us N --hybrid-spin-us N --cc COMPILER --dpc}.
 */
public final class LatencyHarness {

    private LatencyHarness() {
    }

    /**
     * Compiles the C baseline into a temporary directory (deleted at the end) and runs every mode's
     * rounds. Blocks until done: about {@code 2 * rounds * modes * (warmup + interrupts) * periodNs}.
     *
     * @param progress receives one line per round and mode as the runs finish
     * @throws BaselineException if the C compiler is missing, the compile fails, or the C program fails
     * @throws IOException if the temporary directory or an eventfd cannot be created
     * @throws IllegalStateException if an interrupt was not handled within 5 s on the irq4j side, or
     *         the host reported a fault or a violation
     */
    public static LatencyReport run(LatencyConfig config, Consumer<String> progress) throws IOException {
        Path dir = Files.createTempDirectory("irq4j-latency");
        try {
            CBaseline baseline = CBaseline.build(config.compiler(), dir);
            List<ModeResult> modes = new ArrayList<>();
            for (LatencyMode mode : config.modes()) {
                List<RunResult> c = new ArrayList<>();
                List<RunResult> java = new ArrayList<>();
                for (int round = 1; round <= config.rounds(); round++) {
                    RunResult cr = baseline.run(mode, round, config);
                    RunResult jr = new Irq4jExperiment(mode, config).run(round);
                    c.add(cr);
                    java.add(jr);
                    progress.accept(String.format(Locale.ROOT,
                            "%s round %d/%d: C p50 %s us, p99 %s us | irq4j p50 %s us, p99 %s us | handled %d/%d and %d/%d",
                            mode.label(), round, config.rounds(), LatencyReport.micros(cr.latency().p50()),
                            LatencyReport.micros(cr.latency().p99()), LatencyReport.micros(jr.latency().p50()),
                            LatencyReport.micros(jr.latency().p99()), cr.handledEdges(), cr.sent(), jr.handledEdges(), jr.sent()));
                }
                modes.add(new ModeResult(mode, c, java));
            }
            return new LatencyReport(config, baseline.compilerVersion(), Runtime.version().toString(),
                    Runtime.getRuntime().availableProcessors(), modes);
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            System.err.println("irq4j latency harness: could not delete " + dir + ": " + e.getMessage());
        }
    }

    /**
     * Runs the harness with the options in {@code args} (see the class comment), prints the report
     * on stdout, progress on stderr. Exit code 0 if nothing was lost, 1 on a loss or failure, 2 on
     * bad arguments.
     */
    public static void main(String[] args) {
        LatencyConfig config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException | ArithmeticException e) {
            System.err.println("latency harness: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            LatencyReport report = run(config, System.err::println);
            System.out.print(report.format());
            System.exit(report.nothingLost() ? 0 : 1);
        } catch (IOException | IllegalStateException e) {
            System.err.println("latency harness: " + e.getMessage());
            System.exit(1);
        }
    }

    /** The options of {@link #main}, over {@link LatencyConfig#defaults()}. */
    static LatencyConfig parse(String[] args) {
        LatencyConfig d = LatencyConfig.defaults();
        long interrupts = d.interrupts();
        Long warmup = null;
        int rounds = d.rounds();
        long periodNs = d.periodNs();
        long spinNs = d.hybridSpinNs();
        List<LatencyMode> modes = LatencyMode.ALL;
        String cc = System.getenv().getOrDefault("IRQ4J_CC", d.compiler());
        boolean dpc = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--dpc")) {
                dpc = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("'" + a + "' needs a value or is unknown (expected: --interrupts N, --warmup N, "
                        + "--rounds R, --mode blocking|busy-poll|hybrid|busy-poll-uring|all, --period-us N, --hybrid-spin-us N, --cc COMPILER, --dpc)");
            }
            String v = args[++i];
            switch (a) {
                case "--interrupts" -> interrupts = number(a, v);
                case "--warmup" -> warmup = number(a, v);
                case "--rounds" -> rounds = Math.toIntExact(Math.min(number(a, v), Integer.MAX_VALUE));
                case "--period-us" -> periodNs = Math.multiplyExact(number(a, v), 1000L);
                case "--hybrid-spin-us" -> spinNs = Math.multiplyExact(number(a, v), 1000L);
                case "--mode" -> modes = LatencyMode.parseList(v);
                case "--cc" -> cc = v;
                default -> throw new IllegalArgumentException("unknown option '" + a + "' (expected: --interrupts, --warmup, --rounds, "
                        + "--mode, --period-us, --hybrid-spin-us, --cc, --dpc)");
            }
        }
        return new LatencyConfig(interrupts, warmup != null ? warmup : LatencyConfig.defaultWarmup(interrupts), rounds, periodNs,
                spinNs, modes, cc, dpc);
    }

    private static long number(String option, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": '" + value + "' is not a whole number", e);
        }
    }
}
