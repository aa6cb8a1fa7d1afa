package io.github.irq4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code irq4j stat [FILE | --file FILE]}: the per-interrupt counters of a running or finished
 * {@code irq4j run --stats-file}, like {@code /proc/interrupts}.
 */
@Command(name = "stat", mixinStandardHelpOptions = true,
        description = {"Shows the per-interrupt counters written by 'irq4j run --stats-file'.",
                "Default file: $XDG_RUNTIME_DIR/irq4j/latest.stats (or /tmp/irq4j/latest.stats)."})
public final class StatCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--file", paramLabel = "FILE", description = "The stats file (default: the latest run's).")
    Path file;

    /** The file as a plain argument, as {@code jstat} and {@code cat} take theirs. */
    @Parameters(arity = "0..1", paramLabel = "FILE", description = "The stats file, as --file gives it.")
    Path fileArgument;

    @Override
    public Integer call() throws IOException {
        if (file != null && fileArgument != null) {
            throw CliException.usage("stats FILE given twice (" + fileArgument + " and --file " + file + "); give it once, as"
                    + " 'irq4j stat FILE' or 'irq4j stat --file FILE'");
        }
        if (file == null) {
            file = fileArgument;
        }
        Path f = file != null ? file : StatsFile.latest();
        if (!Files.isRegularFile(f)) {
            throw new CliException("no stats file at " + f + (file == null
                    ? "; start a run with 'irq4j run --driver CLASS --device SPEC --stats-file' or pass --file FILE"
                    : "; pass the FILE given to 'irq4j run --stats-file FILE'"));
        }
        StatsFile.Contents c;
        try {
            c = StatsFile.read(f);
        } catch (NoSuchFileException e) {
            throw new CliException("stats file " + f + " disappeared while reading; retry", e);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        String state = c.header().getOrDefault("state", "?");
        String pid = c.header().getOrDefault("pid", "?");
        out.println(f + ": " + c.header().getOrDefault("driver", "?") + " on " + c.header().getOrDefault("device", "?")
                + ", pid " + pid + ", " + state + " after " + c.header().getOrDefault("elapsedMs", "?") + " ms");
        if (isLive(state) && !processAlive(pid)) {
            out.println("process " + pid + " is gone: the run ended without finishing this file (killed with SIGKILL, or the JVM crashed);"
                    + " the counters are those of its last update");
        }
        TextReport.counters(out, c.rows());
        out.flush();
        return ExitCode.CLEAN;
    }

    /** States a run writes while its process lives. */
    static boolean isLive(String state) {
        return state.equals("running") || state.equals("starting");
    }

    /** Whether the process with that pid exists; true when the pid cannot be read (the file then says nothing about it). */
    static boolean processAlive(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
