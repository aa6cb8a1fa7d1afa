package io.github.irq4j.bench.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.irq4j.cli.spi.CliCommand;
import io.github.irq4j.cli.spi.CliJson;
import io.github.irq4j.cli.spi.CommandFailedException;
import io.github.irq4j.cli.spi.HistogramFile;
import io.github.irq4j.cli.spi.ProgressLine;
import io.github.irq4j.cli.spi.Terminal;

import io.github.irq4j.bench.latency.LatencyConfig;
import io.github.irq4j.bench.latency.BaselineException;
import io.github.irq4j.bench.latency.LatencyHarness;
import io.github.irq4j.bench.latency.LatencyMode;
import io.github.irq4j.bench.latency.LatencyReport;
import io.github.irq4j.bench.latency.ModeResult;
import io.github.irq4j.bench.latency.Percentiles;
import io.github.irq4j.bench.latency.RunResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code irq4j bench}: the interrupt latency harness of irq4j-bench
 * ({@link LatencyHarness}): eventfd signal to handler latency in C ({@code eventfd_latency.c},
 * compiled with gcc at run time) and through irq4j, alternately, for each mode and round; the
 * percentiles of both, irq4j / C per percentile, and whether every signal was handled exactly once.
 * Exit code 1 if a signal was lost, the C compiler is missing or a run failed; 2 for bad options.
 *
 * <p>A {@link CliCommand}: the command line finds it with {@code ServiceLoader} when irq4j-bench is
 * on its module path, which the launcher arranges for {@code ./irq4j bench} only; the product's
 * compile path does not include the harness.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures eventfd signal -> handler latency in C and through irq4j, alternately, per dispatch mode.",
                "Prints the percentiles of both sides, the ratios irq4j/C and the loss accounting; needs a C compiler (gcc)."})
public final class BenchCommand implements Callable<Integer>, CliCommand {

    @Spec
    CommandSpec spec;

    @Option(names = "--interrupts", defaultValue = "100000", paramLabel = "N",
            description = "Recorded interrupts per run (default: ${DEFAULT-VALUE}).")
    long interrupts;

    @Option(names = "--warmup", paramLabel = "N",
            description = "Unrecorded interrupts at the start of each run (default: a tenth of --interrupts, at most 10000).")
    Long warmup;

    @Option(names = "--rounds", defaultValue = "3", paramLabel = "R",
            description = "Runs of C then irq4j per mode; the report takes each percentile's median (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--mode", defaultValue = "all", paramLabel = "MODE",
            description = "blocking, busy-poll, hybrid, or all of those three (default: ${DEFAULT-VALUE}); or busy-poll-uring, the"
                    + " io_uring completion-ring benchmark (also compared with C's busy-poll read loop); several: busy-poll,busy-poll-uring.")
    String mode;

    @Option(names = "--period-us", defaultValue = "100", paramLabel = "US",
            description = "Shortest time between two signals in microseconds; each waits for the previous to be handled (default: ${DEFAULT-VALUE}).")
    long periodUs;

    @Option(names = "--hybrid-spin-us", defaultValue = "50", paramLabel = "US",
            description = "How long the hybrid mode spins before blocking, in microseconds (default: ${DEFAULT-VALUE}).")
    long hybridSpinUs;

    @Option(names = "--dpc", description = "irq4j's ISR also queues a DPC; reports ISR -> DPC latency too.")
    boolean dpc;

    @Option(names = "--cc", defaultValue = "${env:IRQ4J_CC:-gcc}", paramLabel = "COMPILER",
            description = "The C compiler for the baseline (default: $IRQ4J_CC, else gcc).")
    String compiler;

    @Option(names = "--json", description = "Print the report as one JSON object; progress goes to stderr.")
    boolean json;

    /** Creates the command; {@link java.util.ServiceLoader} calls this. */
    public BenchCommand() {
    }

    @Override
    public String name() {
        return "bench";
    }

    @Option(names = "--histogram", paramLabel = "FILE",
            description = "Also write every run's latency histogram (ns) to FILE, in HdrHistogram's log format tagged MODE.SIDE;"
                    + " draw them with 'irq4j plot FILE --output X.png'.")
    java.nio.file.Path histogram;

    @Override
    public Integer call() throws IOException {
        LatencyConfig config = config();
        if (histogram != null) {
            HistogramFile.checkWritable(histogram);   // before minutes of measuring, not after
        }
        long startMs = System.currentTimeMillis();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter progress = json ? spec.commandLine().getErr() : out;
        LatencyReport report;
        // on a terminal a status line under the round lines says how far the run is (it takes minutes by default)
        long expectedNs = 2L * config.rounds() * config.modes().size() * (config.warmup() + config.interrupts()) * config.periodNs();
        try (ProgressLine progressLine = new ProgressLine(progress, !json && Terminal.stdoutIsTerminal(), "irq4j bench", expectedNs)) {
            progressLine.status();
            report = LatencyHarness.run(config, progressLine::line);
        } catch (BaselineException e) {
            // the C side could not be built or run: a failed run (exit 1), not a crash
            throw new CommandFailedException(e.getMessage(), e);
        } catch (IOException e) {
            throw CommandFailedException.io("the benchmark could not set up its eventfds or temporary folder", e);
        } catch (IllegalStateException e) {
            // an interrupt not handled in time, or a side that reported a failure: the run failed
            throw new CommandFailedException(e.getMessage(), e);
        }
        if (json) {
            out.println(toJson(report));
        } else {
            out.println();
            out.print(report.format());
        }
        out.flush();
        if (histogram != null) {
            java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
            io.github.irq4j.bench.latency.LatencyHistogramLog.write(report, startMs, System.currentTimeMillis(),
                    new java.io.PrintStream(buf, false, java.nio.charset.StandardCharsets.US_ASCII));
            HistogramFile.write(histogram, buf.toByteArray());
            spec.commandLine().getErr().println("latency histograms written to " + histogram);
            spec.commandLine().getErr().flush();
        }
        if (!report.nothingLost()) {
            spec.commandLine().getErr().println("irq4j bench: signals were lost or handled twice; see the LOST lines (or nothingLost in the JSON)");
            spec.commandLine().getErr().flush();
            return 1;
        }
        return 0;
    }

    /** The options as a configuration; a bad value is a usage error (exit 2). */
    private LatencyConfig config() {
        try {
            List<LatencyMode> modes = modes(mode);
            return new LatencyConfig(interrupts, warmup != null ? warmup : LatencyConfig.defaultWarmup(interrupts), rounds,
                    micros("--period-us", periodUs), micros("--hybrid-spin-us", hybridSpinUs), modes, compiler, dpc);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** The modes of a --mode value; the error lists every value the option takes, {@code all} too. */
    private static List<LatencyMode> modes(String value) {
        try {
            return LatencyMode.parseList(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + e.getMessage(), e);   // "--mode 'fast' (expected: ...)"
        }
    }

    private static long micros(String option, long us) {
        if (us < 0 || us > 1_000_000) {
            throw new IllegalArgumentException(option + ": " + us + " (expected: 0 <= " + option + " <= 1000000)");
        }
        return us * 1000;
    }

    static String toJson(LatencyReport report) {
        LatencyConfig c = report.config();
        JsonObject j = new JsonObject();
        j.addProperty("interrupts", c.interrupts());
        j.addProperty("warmup", c.warmup());
        j.addProperty("rounds", c.rounds());
        j.addProperty("periodNs", c.periodNs());
        j.addProperty("hybridSpinNs", c.hybridSpinNs());
        j.addProperty("dpc", c.dpc());
        j.addProperty("compiler", report.compilerVersion());
        j.addProperty("java", report.javaVersion());
        j.addProperty("cpus", report.cpus());
        JsonArray modes = new JsonArray();
        for (ModeResult m : report.modes()) {
            JsonObject mode = new JsonObject();
            mode.addProperty("mode", m.mode().label());
            mode.add("c", percentiles(m.cMedian()));
            mode.add("irq4j", percentiles(m.irq4jMedian()));
            mode.add("ratio", ratios(m.ratios()));
            ModeResult base = report.compared(m);
            if (base != null) {
                // each side against the C side of the mode it is compared with (busy-poll-uring: C's busy-poll read loop)
                JsonObject against = new JsonObject();
                against.addProperty("mode", base.mode().label());
                against.add("c", ratios(m.cMedian().ratioTo(base.cMedian())));
                against.add("irq4j", ratios(m.irq4jMedian().ratioTo(base.cMedian())));
                mode.add("ratioToC", against);
            }
            if (m.dpcMedian() != null) {
                mode.add("isrToDpc", percentiles(m.dpcMedian()));
            }
            JsonObject path = new JsonObject(); // what the latency is made of, medians over the rounds
            path.addProperty("cSignalCallNs", ModeResult.medianSignalCallNs(m.c()));
            path.addProperty("irq4jSignalCallNs", ModeResult.medianSignalCallNs(m.irq4j()));
            path.add("cNsPerHandlerRead", CliJson.number(ModeResult.medianNsPerHandlerRead(m.c())));
            path.add("irq4jNsPerHandlerRead", CliJson.number(ModeResult.medianNsPerHandlerRead(m.irq4j())));
            mode.add("path", path);
            mode.addProperty("nothingLost", m.nothingLost());
            JsonArray runs = new JsonArray();
            for (int i = 0; i < m.c().size(); i++) {
                runs.add(run(m.c().get(i)));
                runs.add(run(m.irq4j().get(i)));
            }
            mode.add("runs", runs);
            modes.add(mode);
        }
        j.add("modes", modes);
        j.addProperty("nothingLost", report.nothingLost());
        return CliJson.of(j);
    }

    private static JsonObject ratios(double[] r) {
        JsonObject ratio = new JsonObject();
        for (int i = 0; i < r.length; i++) {
            ratio.add(key(Percentiles.NAMES.get(i)), CliJson.number(r[i]));
        }
        return ratio;
    }

    private static JsonObject run(RunResult r) {
        JsonObject o = new JsonObject();
        o.addProperty("side", r.side());
        o.addProperty("round", r.round());
        o.addProperty("sent", r.sent());
        o.addProperty("handledEdges", r.handledEdges());
        o.addProperty("handlerCalls", r.handlerCalls());
        o.addProperty("coalesced", r.coalesced());
        o.addProperty("elapsedNs", r.elapsedNs());
        o.addProperty("nothingLost", r.nothingLost());
        o.addProperty("signalCallNs", r.signalCallNs());
        o.addProperty("handlerReads", r.handlerReads());
        o.add("latencyNs", percentiles(r.latency()));
        if (r.isrToDpc() != null) {
            o.add("isrToDpcNs", percentiles(r.isrToDpc()));
        }
        return o;
    }

    private static JsonObject percentiles(Percentiles p) {
        JsonObject o = new JsonObject();
        o.addProperty("count", p.count());
        long[] v = p.values();
        for (int i = 0; i < v.length; i++) {
            o.addProperty(key(Percentiles.NAMES.get(i)), v[i]);
        }
        return o;
    }

    /** "p99.9" as a JSON key: "p999", as the CLI's other reports name it. */
    private static String key(String name) {
        return name.replace(".", "");
    }
}
