package io.github.irq4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The {@code irq4j} command. Without a subcommand it prints its usage.
 * <pre>
 * irq4j demo                                   the WdfInterruptTryToAcquireLock example on a simulated UART, live
 * irq4j run --driver CLASS --device SPEC       any driver on any device
 * irq4j stat [--file FILE]                     per-interrupt counters of a run
 * irq4j verify PATH...                         the static verifier
 * irq4j bench                                  interrupt latency through irq4j against C
 * </pre>
 */
@Command(name = "irq4j", mixinStandardHelpOptions = true, version = "irq4j 0.1.0-SNAPSHOT",
        description = "User-mode interrupt handling for the JVM, modelled on the WDF interrupt object.",
        subcommands = {DemoCommand.class, RunCommand.class, StatCommand.class, VerifyCommand.class, BenchCommand.class, HelpCommand.class})
public final class Irq4j implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print the stack trace of an error, not only its message.")
    boolean verbose;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A command line with the error handler installed; tests use it to capture the output. */
    public static CommandLine commandLine() {
        return new CommandLine(new Irq4j()).setExecutionExceptionHandler(new ErrorHandler());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * Prints one stderr line with the error's message (and its cause's when the message alone would
     * not say what was wrong); the stack trace only with {@code --verbose}.
     */
    static final class ErrorHandler implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
            cmd.getErr().println("irq4j " + cmd.getCommandName() + ": " + describe(ex));
            if (parsed.hasMatchedOption("--verbose")) {
                ex.printStackTrace(cmd.getErr());
            }
            cmd.getErr().flush();
            return cmd.getExitCodeExceptionMapper() != null
                    ? cmd.getExitCodeExceptionMapper().getExitCode(ex)
                    : cmd.getCommandSpec().exitCodeOnExecutionException();
        }

        static String describe(Throwable ex) {
            String m = ex.getMessage();
            if (m == null || m.isBlank()) {
                m = ex.getClass().getSimpleName();
            }
            Throwable cause = ex.getCause();
            if (cause != null && cause.getMessage() != null && !m.contains(cause.getMessage())) {
                m = m + ": " + cause.getMessage();
            }
            return m;
        }
    }
}
