package io.github.irq4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code irq4j run --driver CLASS --device SPEC}: runs any driver on a device opened by the
 * {@link io.github.irq4j.spi.DeviceProvider} of the spec's scheme, drives reads through its default
 * queue if it has one, shows a live view and prints the final report. Without {@code --driver} it
 * runs the sample made for the device's kind ({@link Drivers#SAMPLES}); {@code --classpath} adds
 * the user's class folders and jars. Exit codes: see {@link ExitCode}.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs a driver on a device for a while and prints a report; Ctrl-C or SIGTERM ends it early, with the report.",
                "Devices: uart, timer, edu (simulated); eventfd, timerfd, uio, vfio, gpio (Linux); their syntax is listed at the end.",
                "Exit code: 0 clean, 1 the driver failed or broke a rule, 2 usage error, 70 crash, 130/143 ended by SIGINT/SIGTERM."})
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--driver", paramLabel = "CLASS",
            description = "A public class implementing io.github.irq4j.Driver with a public no-argument constructor,"
                    + " e.g. io.github.irq4j.samples.SequentialUartDriver (default: the sample made for the device's kind:"
                    + " uart SequentialUartDriver, timer SpinLockTimerDriver, timerfd TimerFdDpcDriver, eventfd EventFdWorkItemDriver).")
    String driver;

    @Option(names = {"--classpath", "-cp"}, paramLabel = "PATH[:PATH...]",
            description = "Class folders and jars to load the driver class (and device providers) from, before irq4j's own,"
                    + " e.g. -cp target/classes:lib/dep.jar.")
    String classpath;

    @Option(names = "--device", required = true, paramLabel = "SPEC",
            description = "The device: SCHEME[:ARGUMENT], e.g. uart, uart:rate=2000, timer:1ms, timerfd:1ms, eventfd:rate=1000,"
                    + " eventfd:rate=100,sources=1000 (1000 eventfds, one interrupt each).")
    String device;

    @Option(names = "--dispatch", defaultValue = "thread", converter = DispatchOption.Converter.class,
            paramLabel = "thread|shared[:THREADS]",
            description = "Where ISRs are dispatched: 'thread', a dispatch thread per source (Linux's threaded IRQs; the default),"
                    + " or 'shared', the Linux sources (eventfd, timerfd, uio, vfio, gpio) on THREADS threads with an epoll set each"
                    + " (default: one per processor; at most 64), for many sources; other sources keep a thread each.")
    DispatchOption dispatch;

    @Option(names = "--duration", defaultValue = "5s", converter = DurationConverter.class, paramLabel = "TIME",
            description = "How long to run, e.g. 5s or 500ms (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
            description = "Seed of the read sizes the client sends (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print the final report as one JSON object; the live view goes to stderr.")
    boolean json;

    @Option(names = "--stats-file", paramLabel = "FILE", arity = "0..1", fallbackValue = "",
            description = "Write per-interrupt counters to FILE every 500 ms and at the end (for 'irq4j stat'); "
                    + "without FILE: $XDG_RUNTIME_DIR/irq4j/<pid>.stats (or /tmp/irq4j/<pid>.stats), copied to latest.stats.")
    String statsFile;

    @Option(names = "--histogram", paramLabel = "FILE",
            description = "Write the latency histograms (dispatch wake -> ISR, ISR duration, ISR -> DPC/work item; ns) to FILE at the end,"
                    + " in HdrHistogram's log format with one tag per histogram; draw them with 'irq4j plot FILE --output X.png'.")
    Path histogram;

    @Option(names = "--jfr", paramLabel = "FILE",
            description = "Record the run with JDK Flight Recorder (the JDK's default settings plus every irq4j event:"
                    + " irq4j.Isr, Dpc, WorkItem, LockHold, Violation, Fault, NobodyCared, Storm) and write it to FILE at the end,"
                    + " also after Ctrl-C; open it in JDK Mission Control or with 'jfr print --events irq4j.Isr FILE'.")
    Path jfr;

    @Override
    public Integer call() throws IOException {
        try (JfrRecording recording = JfrRecording.start(jfr, json ? spec.commandLine().getErr() : spec.commandLine().getOut())) {
            return run();
        }
    }

    private Integer run() throws IOException {
        Path stats = statsFile == null ? null : statsFile.isEmpty() ? StatsFile.defaultFile() : Path.of(statsFile);
        try (UserClassPath cp = UserClassPath.parse(classpath)) {
            // a null driver: the runner picks the sample for the device's kind once the device is open
            Runner.Settings settings = new Runner.Settings(driver, device, duration, seed, json, stats,
                    statsFile != null && statsFile.isEmpty(), 4, 64).withHistogramFile(histogram);
            return new Runner(settings, cp, spec.commandLine().getOut(), spec.commandLine().getErr()).dispatch(dispatch).run();
        }
    }
}
