package io.github.irq4j.cli;

import io.github.irq4j.cli.spi.CliCommand;
import io.github.irq4j.cli.spi.CommandFailedException;
import java.util.ServiceLoader;
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
 * irq4j demo                                   the sample drivers on simulated devices, live
 * irq4j run --device SPEC [--driver CLASS]     a driver (yours with --classpath) on any device
 * irq4j stat [--file FILE]                     per-interrupt counters of a run
 * irq4j verify PATH...                         the static verifier
 * irq4j bench                                  interrupt latency through irq4j against C
 * irq4j plot FILE... --output X.png           latency by percentile from --histogram files
 * </pre>
 */
@Command(name = "irq4j", mixinStandardHelpOptions = true, version = "irq4j 0.1.0-SNAPSHOT",
        description = "User-mode interrupt handling for the JVM, modelled on the WDF interrupt object.",
        subcommands = {DemoCommand.class, RunCommand.class, StatCommand.class, VerifyCommand.class, PlotCommand.class})
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

    /**
     * A command line with the error handler installed; tests use it to capture the output. The
     * subcommands of other modules ({@link CliCommand}, such as {@code bench} from irq4j-bench) are
     * found with {@link ServiceLoader} and added after the built-in ones; {@code bench} is
     * {@link BenchUnavailable} when irq4j-bench is not there. The handlers are set last: picocli
     * gives them only to the subcommands present at that moment.
     */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new Irq4j());
        for (CliCommand c : ServiceLoader.load(CliCommand.class, Irq4j.class.getClassLoader())) {
            cmd.addSubcommand(c.name(), c);
        }
        if (!cmd.getSubcommands().containsKey(BenchUnavailable.NAME)) {
            cmd.addSubcommand(BenchUnavailable.NAME, new BenchUnavailable());
        }
        cmd.addSubcommand("help", new HelpCommand());
        deviceSyntaxFooter(cmd.getSubcommands().get("run"));
        return cmd.setExecutionExceptionHandler(new ErrorHandler()).setParameterExceptionHandler(Irq4j::usageError);
    }

    /**
     * Ends {@code run --help} with the syntax of every device kind, from the providers themselves
     * (an unknown {@code --device} sends the user there), so the help never lags behind a provider.
     * Rendered as is, one syntax a line with its description below: picocli's wrapping at 80
     * columns would cut a long syntax such as gpio's in the middle of a bracket.
     */
    private static void deviceSyntaxFooter(CommandLine run) {
        if (run == null) {
            return;
        }
        String nl = System.lineSeparator();
        StringBuilder b = new StringBuilder(nl).append("Devices (--device SPEC):").append(nl);
        for (var p : Devices.providers().values()) {
            String usage = p.usage();
            int gap = usage.indexOf("  ");
            b.append("  ").append(gap < 0 ? usage : usage.substring(0, gap)).append(nl);
            if (gap >= 0) {
                b.append("      ").append(usage.substring(gap).strip()).append(nl);
            }
        }
        run.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER, help -> b.toString());
    }

    public static void main(String[] args) {
        System.exit(execute(commandLine(), args));
    }

    /**
     * A usage error: one stderr line, the same form as every other error, pointing at the command's
     * help rather than printing all of it; exit code {@link ExitCode#USAGE}.
     */
    static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String name = cmd.getCommandSpec().qualifiedName();
        cmd.getErr().println(name + ": " + ex.getMessage() + " (see '" + name + " --help')");
        if (java.util.Arrays.asList(args).contains("--verbose")) {
            ex.printStackTrace(cmd.getErr());
        }
        cmd.getErr().flush();
        return ExitCode.USAGE;
    }

    /**
     * Runs the command line and returns its exit code (see {@link ExitCode}). A throwable picocli
     * does not hand to the {@link ErrorHandler} (an {@link Error} such as
     * {@code NoClassDefFoundError}) is reported here the same way: one line, exit code
     * {@link ExitCode#CRASH}, the trace with {@code --verbose}.
     */
    public static int execute(CommandLine cmd, String... args) {
        try {
            return cmd.execute(args);
        } catch (Throwable t) {
            boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
            return ErrorHandler.report(t, cmd.getErr(), commandName(cmd, args), verbose);
        }
    }

    private static String commandName(CommandLine cmd, String[] args) {
        for (String a : args) {
            if (cmd.getSubcommands().containsKey(a)) {
                return a;
            }
        }
        return cmd.getCommandName();
    }

    /**
     * Prints one stderr line with the error's message (and its cause's when the message alone would
     * not say what was wrong); the stack trace only with {@code --verbose}. A {@link CommandFailedException}
     * keeps its exit code; anything else is a crash: exit code {@link ExitCode#CRASH}, never
     * {@link ExitCode#FAILED}, which means findings.
     */
    static final class ErrorHandler implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
            return report(ex, cmd.getErr(), cmd.getCommandName(), parsed.hasMatchedOption("--verbose")
                    || parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose")));
        }

        static int report(Throwable ex, java.io.PrintWriter err, String command, boolean verbose) {
            int code;
            if (ex instanceof CommandFailedException c) {
                err.println("irq4j " + command + ": " + describe(ex));
                code = c.exitCode();
            } else {
                err.println("irq4j " + command + ": internal error: " + ex.getClass().getSimpleName()
                        + (ex.getMessage() == null ? "" : ": " + ex.getMessage())
                        + (verbose ? "" : " (a bug in irq4j; rerun with --verbose for the stack trace and report it)"));
                code = ExitCode.CRASH;
            }
            if (verbose) {
                ex.printStackTrace(err);
            }
            err.flush();
            return code;
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
