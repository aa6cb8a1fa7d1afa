package io.github.irq4j.cli;

import io.github.irq4j.Driver;
import io.github.irq4j.Host;
import io.github.irq4j.Interrupt;
import io.github.irq4j.Resource;
import io.github.irq4j.samples.QuadratureEncoderDriver;
import io.github.irq4j.samples.SeedUartDriver;
import io.github.irq4j.samples.SpinLockTimerDriver;
import io.github.irq4j.sim.TimerDevice;
import io.github.irq4j.sim.UartDevice;
import io.github.irq4j.spi.ProvidedDevice;
import io.github.irq4j.spi.SharedDispatcher;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Runs one driver on one device for a while, shared by {@code run} and {@code demo}: measures
 * (see {@link Monitor}), drives reads through the device's default queue if it has one, shows a
 * live view, writes the stats file, and prints the final report. The demo adds a companion: a
 * second driver on a second device, run beside the first on a host of its own and reported after
 * it, so one command shows both a work-item driver and a DPC driver at work.
 */
final class Runner {

    /**
     * What to run and how.
     *
     * @param histogramFile where to write the latency histograms at the end ({@link HistogramLog}), or null
     */
    record Settings(String driverName, String deviceSpec, Duration duration, long seed, boolean json,
                    Path statsFile, boolean latestCopy, int outstandingReads, int maxReadLength, Companion companion,
                    Path histogramFile) {

        Settings(String driverName, String deviceSpec, Duration duration, long seed, boolean json,
                 Path statsFile, boolean latestCopy, int outstandingReads, int maxReadLength, Companion companion) {
            this(driverName, deviceSpec, duration, seed, json, statsFile, latestCopy, outstandingReads, maxReadLength, companion, null);
        }

        Settings(String driverName, String deviceSpec, Duration duration, long seed, boolean json,
                 Path statsFile, boolean latestCopy, int outstandingReads, int maxReadLength) {
            this(driverName, deviceSpec, duration, seed, json, statsFile, latestCopy, outstandingReads, maxReadLength, null, null);
        }

        /** The same settings with that driver. */
        Settings withDriver(String name) {
            return new Settings(name, deviceSpec, duration, seed, json, statsFile, latestCopy, outstandingReads, maxReadLength,
                    companion, histogramFile);
        }

        /** The same settings, writing the histograms to {@code file} (null: none). */
        Settings withHistogramFile(Path file) {
            return new Settings(driverName, deviceSpec, duration, seed, json, statsFile, latestCopy, outstandingReads, maxReadLength,
                    companion, file);
        }

        /** The settings of the companion run: its driver and device, the rest shared (its histograms go in the same file). */
        Settings forCompanion() {
            return new Settings(companion.driverName(), companion.deviceSpec(), duration, seed, json, null, false,
                    outstandingReads, maxReadLength, null, null);
        }
    }

    /** A second driver on a second device, run beside the first (the demo's DPC driver). */
    record Companion(String driverName, String deviceSpec) {
    }

    private static final long VIEW_NS = 500_000_000L;
    private static final long STATS_NS = 500_000_000L;

    /** The settings; the driver's name is filled in by run() when none was given (the device kind's sample). */
    private Settings settings;
    private final UserClassPath classPath;
    private final PrintWriter out;
    private final PrintWriter err;
    /** Whether the live view redraws in place: stdout is a terminal; tests inject the answer. */
    private BooleanSupplier terminal = io.github.irq4j.cli.spi.Terminal::stdoutIsTerminal;
    /** {@code --dispatch}: a thread per source, or a shared dispatcher for the run's host. */
    private DispatchOption dispatch = DispatchOption.THREAD;

    Runner(Settings settings, PrintWriter out, PrintWriter err) {
        this(settings, UserClassPath.none(), out, err);
    }

    /** @param classPath where the driver class (and further device providers) are looked up */
    Runner(Settings settings, UserClassPath classPath, PrintWriter out, PrintWriter err) {
        this.settings = settings;
        this.classPath = classPath;
        this.out = out;
        this.err = err;
    }

    /** Decides with {@code terminal} whether the live view redraws in place (a test's stand-in for a terminal). */
    Runner terminal(BooleanSupplier terminal) {
        this.terminal = terminal;
        return this;
    }

    /** Dispatches the run's sources as {@code dispatch} says ({@code --dispatch}); the companion keeps a thread per source. */
    Runner dispatch(DispatchOption dispatch) {
        this.dispatch = java.util.Objects.requireNonNull(dispatch, "dispatch");
        return this;
    }

    /**
     * @return the exit code: 0 clean, or 128 + the signal's number when SIGINT or SIGTERM ended the
     *         run early (after the full report); throws {@link CliException} for failures and findings
     */
    int run() throws IOException {
        // the device first: a bad spec is the first thing to report, and it says which sample fits
        ProvidedDevice provided = Devices.open(settings.deviceSpec(), classPath.loader());
        Driver driver;
        try {
            if (settings.driverName() == null) {
                settings = settings.withDriver(Drivers.sampleFor(settings.deviceSpec(), classPath));
            }
            driver = Drivers.instantiate(settings.driverName(), classPath);
            if (settings.statsFile() != null) {
                writeStats(null, "starting");   // an unwritable path fails here, before the driver starts
            }
            if (settings.histogramFile() != null) {
                HistogramLog.checkWritable(settings.histogramFile());   // so does an unwritable histogram file
            }
        } catch (IOException | RuntimeException | Error e) {
            provided.close();
            throw e;
        }
        SharedDispatcher shared;
        try {
            shared = dispatch.open(classPath.loader());
        } catch (RuntimeException e) {
            provided.close();
            throw e;
        }
        Monitor monitor = new Monitor();
        List<Resource> resources = monitor.wrap(provided.resources());
        Host.Builder hostBuilder = shared == null ? RunSession.defaultHost() : RunSession.defaultHost().sharedDispatcher(shared);
        boolean ansi = !settings.json() && terminal.getAsBoolean();
        PrintWriter view = settings.json() ? err : out;
        boolean finished = false;
        RunSession current = null;
        long startMs = System.currentTimeMillis();
        // the shared dispatcher first, so it closes last: after the session's host (SharedDispatcher.close)
        try (SharedDispatcher sharedDispatcher = shared;
             StopSignals signals = StopSignals.install(System.err);
             RunSession session = new RunSession(settings.driverName(), driver, provided, resources, hostBuilder);
             Side companion = settings.companion() == null ? null : Side.open(settings.forCompanion())) {
            current = session;
            monitor.track(session.device().interrupts(), resources);
            boolean probe = monitor.attachProbe(driver);
            ReadClient client = session.device().defaultQueue()
                    .map(q -> new ReadClient(q, settings.maxReadLength(), settings.seed())).orElse(null);
            session.startTraffic();
            if (companion != null) {
                companion.session.startTraffic();
            }
            if (client != null) {
                client.start(settings.outstandingReads());
            }
            view.println("irq4j: " + settings.driverName() + " on " + provided.name() + " (" + settings.deviceSpec() + ") for "
                    + settings.duration().toMillis() + " ms" + (shared == null ? "" : ", dispatch " + dispatch + " ("
                    + provided.resources().size() + (provided.resources().size() == 1 ? " resource)" : " resources)")) + (client == null ? "; the device has no default queue, no reads sent" : "")
                    + "; Ctrl-C ends it early with the report");
            view.flush();
            LiveView live = new LiveView(view, ansi);
            List<LiveView.Side> sides = companion == null ? List.of(new LiveView.Side(session, monitor, client))
                    : List.of(new LiveView.Side(session, monitor, client), new LiveView.Side(companion.session, companion.monitor, null));
            long end = System.nanoTime() + settings.duration().toNanos();
            long nextView = System.nanoTime() + VIEW_NS;
            long nextStats = 0;
            for (long now = System.nanoTime(); now < end && signals.received() == null; now = System.nanoTime()) {
                monitor.sample();
                if (companion != null) {
                    companion.monitor.sample();
                }
                if (settings.statsFile() != null && now >= nextStats) {
                    writeStats(session, "running");
                    nextStats = now + STATS_NS;
                }
                if (now >= nextView) {
                    live.show(sides, now);
                    nextView = now + VIEW_NS;
                }
                LockSupport.parkNanos(Math.min(end - now, Monitor.SAMPLE_MS * 1_000_000L));
            }
            String signal = signals.received();
            // while every dispatch thread still runs: a thread per source shows here as many threads
            Map<String, Long> figures = runFigures(shared);
            if (client != null) {
                client.stop();
            }
            session.stop();
            monitor.sample();
            if (companion != null) {
                companion.session.stop();
                companion.monitor.sample();
            }
            live.finish();
            if (settings.statsFile() != null) {
                writeStats(session, signal == null ? "finished" : "interrupted by " + signal);
            }
            finished = true;
            Map<String, Long> extras = extras(provided, driver);
            extras.putAll(figures);
            Report report = Report.of(settings, session, monitor, client, probe, extras, signal);
            Report companionReport = companion == null ? null : companion.report(settings.forCompanion(), signal);
            if (settings.json()) {
                String json = report.json();
                if (companionReport != null) {
                    json = json.substring(0, json.lastIndexOf('}')) + ",\"companion\":" + companionReport.json() + "}";
                }
                out.println(json);
            } else {
                report.text(out);
                if (companionReport != null) {
                    out.println();
                    companionReport.text(out);
                }
                if (settings.statsFile() != null) {
                    out.println("stats written to " + settings.statsFile() + " (show with: irq4j stat --file " + settings.statsFile() + ")");
                }
            }
            out.flush();
            if (settings.histogramFile() != null) {
                // after the report: a file that cannot be written after all still leaves the report on screen
                List<HistogramLog.Entry> entries = new ArrayList<>(histograms(session, monitor, probe));
                if (companion != null) {
                    entries.addAll(histograms(companion.session, companion.monitor, companion.probe));
                }
                HistogramLog.write(settings.histogramFile(), "irq4j " + (settings.companion() == null ? "run" : "demo") + ": "
                        + settings.driverName() + " on " + settings.deviceSpec() + ", values in nanoseconds",
                        startMs, System.currentTimeMillis(), entries);
                PrintWriter note = settings.json() ? err : out;
                note.println("latency histograms written to " + settings.histogramFile() + " (plot with: irq4j plot "
                        + settings.histogramFile() + " --output latency.png)");
                note.flush();
            }
            if (signal != null) {
                err.println("irq4j: " + signal + " ended the run after " + session.elapsedNanos() / 1_000_000 + " of "
                        + settings.duration().toMillis() + " ms; the report covers the run so far");
                err.flush();
                return signals.exitCode();
            }
            int code = Outcome.check(session);
            return companion == null ? code : Math.max(code, Outcome.check(companion.session));
        } finally {
            if (!finished && settings.statsFile() != null) {
                markFailed(current);
            }
        }
    }

    /** Best effort: a run that ended by an error says so in its stats file rather than staying "running". */
    private void markFailed(RunSession session) {
        try {
            writeStats(session, "failed");
        } catch (IOException | RuntimeException e) {
            err.println("irq4j: could not mark the stats file " + settings.statsFile() + " failed: " + IoErrors.reason(e));
        }
    }

    /** The companion's own session and measurements; no reads are sent to it. */
    private record Side(Driver driver, ProvidedDevice provided, RunSession session, Monitor monitor, boolean probe)
            implements AutoCloseable {

        static Side open(Settings settings) throws IOException {
            Driver driver = Drivers.instantiate(settings.driverName());
            ProvidedDevice provided = Devices.open(settings.deviceSpec());
            Monitor monitor = new Monitor();
            List<Resource> resources = monitor.wrap(provided.resources());
            RunSession session = new RunSession(settings.driverName(), driver, provided, resources, RunSession.defaultHost());
            monitor.track(session.device().interrupts(), resources);
            return new Side(driver, provided, session, monitor, monitor.attachProbe(driver));
        }

        Report report(Settings settings, String signal) {
            return Report.of(settings, session, monitor, null, probe, extras(provided, driver), signal);
        }

        @Override
        public void close() {
            session.close();
        }
    }

    /**
     * A run's histograms for the log: per measuring source (named after its first interrupt) the
     * dispatch latency and ISR duration, and the device's ISR -> DPC/work item latency when the
     * driver offered the probe. The sources past {@link Monitor#OWN_LATENCY_SOURCES} share one
     * pair, named after the first of them and how many share it ({@code eventfd64.irq+9935.dispatch}).
     */
    private static List<HistogramLog.Entry> histograms(RunSession session, Monitor monitor, boolean probe) {
        List<HistogramLog.Entry> entries = new ArrayList<>();
        Set<SourceLatency> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Interrupt> interrupts = session.device().interrupts();
        for (int i = 0; i < interrupts.size(); i++) {
            MeasuringSource m = monitor.sourceOf(i);
            if (m != null && seen.add(m.latency())) {
                SourceLatency l = m.latency();
                String name = interrupts.get(i).name() + (l.sources() > 1 ? "+" + (l.sources() - 1) : "");
                entries.add(new HistogramLog.Entry(name + ".dispatch", l.dispatchTotal));
                entries.add(new HistogramLog.Entry(name + ".isr", l.isrTotal));
            }
        }
        if (probe) {
            entries.add(new HistogramLog.Entry(session.device().name() + ".deferred", monitor.deferred));
        }
        return entries;
    }

    /**
     * How the run was dispatched: the shared dispatch threads (0: a thread per source) and the
     * JVM's live and peak thread counts, read before the device stops.
     */
    private static Map<String, Long> runFigures(SharedDispatcher shared) {
        Map<String, Long> m = new LinkedHashMap<>();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        m.put("dispatch.sharedThreads", (long) (shared == null ? 0 : shared.dispatchThreads()));
        m.put("jvm.liveThreads", (long) threads.getThreadCount());
        m.put("jvm.peakThreads", (long) threads.getPeakThreadCount());
        return m;
    }

    /** Counters of the simulated devices and sample drivers the command line knows. */
    private static Map<String, Long> extras(ProvidedDevice provided, Driver driver) {
        Map<String, Long> m = new LinkedHashMap<>();
        if (provided instanceof UartDevice u) {
            m.put("uart.bytesSent", u.traffic().sent());
            m.put("uart.received", u.uart().received());
            m.put("uart.droppedFifoOverrun", u.uart().dropped());
            m.put("uart.readByDriver", u.uart().read());
        }
        if (provided instanceof TimerDevice t) {
            m.put("timer.expirations", t.timer().expirations());
        }
        if (driver instanceof SeedUartDriver s) {
            m.put("driver.readsCompleted", s.completedReads());
            m.put("driver.evtIoReadGotLock", s.tryLockHits());
            m.put("driver.handedToWorkItem", s.handedToWorkItem());
            m.put("driver.ringOverruns", s.ringOverruns());
        }
        if (driver instanceof SpinLockTimerDriver s) {
            m.put("driver.dpcRuns", s.dpcRuns());
            m.put("driver.dpcSnapshotTicks", s.dpcSnapshotTicks());
        }
        if (driver instanceof QuadratureEncoderDriver q) {
            m.put("driver.position", q.position());
            m.put("driver.steps", q.steps());
            m.put("driver.invalidTransitions", q.invalidTransitions());
            m.put("driver.lostEdges", q.lostEdges());
        }
        return m;
    }

    /**
     * Writes the stats file (atomically, see {@link StatsFile#write}); {@code session} null before
     * the device is open (no rows yet).
     *
     * @throws CliException a usage error naming the path and the reason when it cannot be written
     */
    private void writeStats(RunSession session, String state) throws IOException {
        Map<String, String> header = new LinkedHashMap<>();
        header.put("pid", Long.toString(ProcessHandle.current().pid()));
        header.put("driver", settings.driverName());
        header.put("device", settings.deviceSpec());
        header.put("elapsedMs", Long.toString(session == null ? 0 : session.elapsedNanos() / 1_000_000));
        header.put("durationMs", Long.toString(settings.duration().toMillis()));
        header.put("state", state);
        Path file = settings.statsFile();
        try {
            StatsFile.write(file, header, session == null ? List.of() : session.rows());
            if (settings.latestCopy()) {
                Path latest = StatsFile.latest();
                Path tmp = latest.resolveSibling("latest.stats.tmp");
                Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, latest, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw CliException.usage("cannot write the stats file " + file + ": " + IoErrors.reason(e)
                    + "; pass a path in a folder you can write with --stats-file FILE, or --stats-file alone for the default", e);
        }
    }
}
