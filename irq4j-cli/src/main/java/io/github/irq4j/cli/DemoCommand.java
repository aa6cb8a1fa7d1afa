package io.github.irq4j.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code irq4j demo}: the driver of seed 001 (passive interrupt, {@code EvtIoRead} trying the
 * interrupt lock and falling back to a work item) on a simulated UART, with traffic, a live view and
 * a final report.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs the seed 001 sample driver on a simulated UART and reports interrupts, latencies and requests.")
public final class DemoCommand implements Callable<Integer> {

    /** The driver the demo runs. */
    static final String DRIVER = "io.github.irq4j.samples.SequentialUartDriver";

    @Spec
    CommandSpec spec;

    @Option(names = "--duration", defaultValue = "5s", converter = DurationConverter.class, paramLabel = "TIME",
            description = "How long to run, e.g. 5s or 500ms (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Override
    public Integer call() throws Exception {
        CommandLine run = new CommandLine(new RunCommand());
        run.setOut(spec.commandLine().getOut());
        run.setErr(spec.commandLine().getErr());
        RunCommand command = run.getCommand();
        run.parseArgs("--driver", DRIVER, "--device", "uart:rate=2000", "--duration", duration.toMillis() + "ms");
        command.spec = run.getCommandSpec();
        return command.call();
    }
}
