package io.github.irq4j.cli;

import io.github.irq4j.Driver;
import io.github.irq4j.spi.ProvidedDevice;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code irq4j run --driver CLASS --device SPEC}: runs any driver on a device opened by the
 * {@link io.github.irq4j.spi.DeviceProvider} of the spec's scheme, then prints the final report.
 * Exit code 0 when the run was clean, 1 when the driver failed or broke a rule, 2 for usage errors.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs a driver class on a device for a while and prints a report.",
                "Devices: uart[:rate=N,fifo=N,limit=N], timer[:PERIOD], and the Linux ones (eventfd, timerfd:PERIOD, ...)."})
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--driver", required = true, paramLabel = "CLASS",
            description = "A public class implementing io.github.irq4j.Driver with a public no-argument constructor.")
    String driver;

    @Option(names = "--device", required = true, paramLabel = "SPEC",
            description = "The device: SCHEME[:ARGUMENT], e.g. uart, uart:rate=2000, timer:1ms, eventfd.")
    String device;

    @Option(names = "--duration", defaultValue = "5s", converter = DurationConverter.class, paramLabel = "TIME",
            description = "How long to run, e.g. 5s or 500ms (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--stats-file", paramLabel = "FILE", arity = "0..1", fallbackValue = "",
            description = "Write per-interrupt counters to FILE every 500 ms and at the end (for 'irq4j stat'); "
                    + "without FILE: $XDG_RUNTIME_DIR/irq4j/<pid>.stats (or /tmp/irq4j), copied to latest.stats.")
    String statsFile;

    @Override
    public Integer call() throws IOException {
        Driver d = Drivers.instantiate(driver);
        ProvidedDevice provided = Devices.open(device);
        PrintWriter out = spec.commandLine().getOut();
        Path stats = statsFile == null ? null : statsFile.isEmpty() ? StatsFile.defaultFile() : Path.of(statsFile);
        try (RunSession session = new RunSession(driver, d, provided, RunSession.defaultHost())) {
            out.println("running " + driver + " on " + provided.name() + " (" + device + ") for " + duration.toMillis() + " ms");
            out.flush();
            long end = System.nanoTime() + duration.toNanos();
            long nextWrite = 0;
            for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
                if (stats != null && now >= nextWrite) {
                    writeStats(session, stats, "running");
                    nextWrite = now + 500_000_000L;
                }
                LockSupport.parkNanos(Math.min(end - now, 50_000_000L));
            }
            session.stop();
            if (stats != null) {
                writeStats(session, stats, "finished");
                out.println("stats written to " + stats);
            }
            TextReport.counters(out, session.rows());
            TextReport.findings(out, session.violations(), session.faults());
            out.flush();
            return Outcome.check(session);
        }
    }

    private void writeStats(RunSession session, Path file, String state) throws IOException {
        Map<String, String> header = new LinkedHashMap<>();
        header.put("pid", Long.toString(ProcessHandle.current().pid()));
        header.put("driver", driver);
        header.put("device", device);
        header.put("elapsedMs", Long.toString(session.elapsedNanos() / 1_000_000));
        header.put("state", state);
        StatsFile.write(file, header, session.rows());
        if (statsFile != null && statsFile.isEmpty()) {
            Path latest = StatsFile.latest();
            Path tmp = latest.resolveSibling("latest.stats.tmp");
            Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, latest, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
