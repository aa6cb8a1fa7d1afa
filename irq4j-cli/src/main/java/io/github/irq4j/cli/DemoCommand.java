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
 * {@code irq4j demo}: the driver of the {@code WdfInterruptTryToAcquireLock} page ({@link io.github.irq4j.samples.SequentialUartDriver}:
 * passive interrupt, {@code EvtIoRead} trying the interrupt lock and falling back to a work item)
 * on a simulated UART receiving 20,000 bytes/s, with an application keeping reads in flight; beside
 * it the spin-lock driver ({@link io.github.irq4j.samples.SpinLockTimerDriver}: DIRQL ISR, DPC
 * snapshotting under the lock) on a simulated 1 ms timer; a live view and a final report of both.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the sample drivers on simulated devices, live, then prints their report.",
                "The driver of the WdfInterruptTryToAcquireLock page on a simulated UART with reads in flight, and beside it",
                "the spin-lock DPC driver on a simulated timer; reports interrupts per line and CPU, ISR, DPC and",
                "work-item latencies, requests and verifier findings. Ctrl-C or SIGTERM ends it early, with the report."})
public final class DemoCommand implements Callable<Integer> {

    /** The driver the demo runs. */
    static final String DRIVER = "io.github.irq4j.samples.SequentialUartDriver";
    /** The device the demo runs it on. */
    static final String DEVICE = "uart:rate=20000,fifo=1024";
    /** The companion: a spin-lock (DIRQL) driver with a DPC, on a simulated timer. */
    static final Runner.Companion COMPANION = new Runner.Companion("io.github.irq4j.samples.SpinLockTimerDriver", "timer:1ms");

    @Spec
    CommandSpec spec;

    @Option(names = "--duration", defaultValue = "5s", converter = DurationConverter.class, paramLabel = "TIME",
            description = "How long to run, e.g. 5s or 500ms (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
            description = "Seed of the read sizes (1..64 bytes) the application sends (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print the final report as one JSON object; the live view goes to stderr.")
    boolean json;

    @Option(names = "--soak", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Instead of the demo: a soak of that length (e.g. 10m) with random bursts, disables, restarts,"
                    + " cancellations and faulting callbacks, ending with an exact account of requests, interrupts and faults;"
                    + " exit 1 with the numbers on a mismatch. --seed N picks the random choices.")
    Duration soak;

    @Option(names = "--histogram", paramLabel = "FILE",
            description = "Write the latency histograms of both drivers (ns) to FILE at the end, in HdrHistogram's log format"
                    + " with one tag per histogram; draw them with 'irq4j plot FILE --output X.png'.")
    Path histogram;

    @Option(names = "--jfr", paramLabel = "FILE",
            description = "Record the run with JDK Flight Recorder (the JDK's default settings plus every irq4j event:"
                    + " irq4j.Isr, Dpc, WorkItem, LockHold, Violation, Fault, NobodyCared, Storm) and write it to FILE at the end,"
                    + " also after Ctrl-C; open it in JDK Mission Control or with 'jfr print --events irq4j.Isr FILE'.")
    Path jfr;

    @Override
    public Integer call() throws IOException, InterruptedException {
        try (JfrRecording recording = JfrRecording.start(jfr, json ? spec.commandLine().getErr() : spec.commandLine().getOut())) {
            return demo();
        }
    }

    private Integer demo() throws IOException, InterruptedException {
        if (soak != null) {
            if (histogram != null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--histogram is not written by --soak (the soak's account is its result); drop one of them");
            }
            return new Soak(soak, seed, spec.commandLine().getOut(), spec.commandLine().getErr()).run();
        }
        Runner.Settings settings = new Runner.Settings(DRIVER, DEVICE, duration, seed, json, null, false, 4, 64, COMPANION).withHistogramFile(histogram);
        return new Runner(settings, spec.commandLine().getOut(), spec.commandLine().getErr()).run();
    }
}
