package io.github.irq4j.cli;

import io.github.irq4j.verify.Baseline;
import io.github.irq4j.verify.SarifReport;
import io.github.irq4j.verify.StaticVerifier;
import io.github.irq4j.verify.TextReport;
import io.github.irq4j.verify.VerificationResult;
import io.github.irq4j.verify.VerifierOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code irq4j verify PATH...}: the static verifier over class directories, jars and class files.
 * Mirrors what Static Driver Verifier does for rule {@code WdfInterruptLock}, at build time. Exit
 * code 0 when clean (suppressed and baselined findings do not count), 1 when there are findings, 2
 * when nothing could be read or an option is wrong; an internal error is 70, as for every command.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Checks the interrupt-lock rules (SPEC section 6) and java.util.concurrent lock release on compiled classes.",
                "Exit code: 0 clean, 1 findings, 2 nothing could be read or a bad option."})
public final class VerifyCommand implements Callable<Integer> {

    /** Report formats. */
    enum Format { text, sarif }

    @Spec
    CommandSpec spec;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|sarif",
            description = "Report format: text (default) or sarif (SARIF 2.1.0 JSON).")
    Format format;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Write the report to FILE instead of standard output; a one-line summary still goes to standard output.")
    Path output;

    @Option(names = "--source-root", paramLabel = "DIR",
            description = "A source directory (such as src/main/java); SARIF URIs are then relative to the current directory "
                    + "with originalUriBaseIds SRCROOT, as code scanning expects. Repeatable.")
    List<Path> sourceRoots = new ArrayList<>();

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "Findings whose fingerprints FILE lists do not count (they appear as suppressed in SARIF).")
    Path baseline;

    @Option(names = "--write-baseline", paramLabel = "FILE",
            description = "Write the fingerprints of the findings that count to FILE, to accept them with --baseline.")
    Path writeBaseline;

    @Option(names = "--disable-rule", split = ",", paramLabel = "RULE", description = "Do not check these rule ids.")
    List<String> disabled = new ArrayList<>();

    @Option(names = "--enable-rule", split = ",", paramLabel = "RULE", description = "Check only these rule ids.")
    List<String> enabled = new ArrayList<>();

    @Option(names = "--include", split = ",", paramLabel = "PATTERN",
            description = "Report only classes matching a pattern (com.example.**, com.example.*Driver).")
    List<String> includes = new ArrayList<>();

    @Option(names = "--exclude", split = ",", paramLabel = "PATTERN", description = "Do not report classes matching a pattern.")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--no-throw", split = ",", paramLabel = "OWNER#METHOD",
            description = "Calls that cannot throw (no exception edge), such as com.example.Regs#read or com.example.Util#*.")
    List<String> nonThrowing = new ArrayList<>();

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Class directories, jars or .class files.")
    List<Path> paths;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        VerifierOptions options;
        try {
            options = options();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("irq4j verify: " + e.getMessage());
            err.flush();
            return VerificationResult.EXIT_BAD_INPUT;
        }
        VerificationResult result = new StaticVerifier(StaticVerifier.class.getClassLoader(), options).verify(paths);
        if (writeBaseline != null) {
            try {
                Baseline.write(writeBaseline, result.findings());
            } catch (UncheckedIOException e) {
                err.println("irq4j verify: " + e.getMessage());
                err.flush();
                return VerificationResult.EXIT_BAD_INPUT;
            }
            out.println("irq4j verify: baseline of " + result.findings().size() + " findings written to " + writeBaseline);
        }
        if (output != null) {
            AtomicOutput.write(output, w -> write(result, w));   // whole or not at all
            out.println(TextReport.summaryLine(result) + "; report written to " + output);
        } else {
            write(result, out);
        }
        if (format == Format.sarif || output != null) {
            // keep input errors visible on the console when the report is not plain text there
            result.errors().forEach(e -> err.println("error: " + e));
            result.truncatedMethods().forEach(t -> err.println("note: " + t.message()));
        }
        out.flush();
        err.flush();
        return result.exitCode();
    }

    /** The options given; a bad rule id, pattern, call or baseline file throws with a message saying what is accepted. */
    private VerifierOptions options() {
        VerifierOptions o = VerifierOptions.defaults();
        if (!enabled.isEmpty()) {
            o = o.only(enabled);
        }
        o = o.disable(disabled).include(includes).exclude(excludes).nonThrowing(nonThrowing);
        if (baseline != null) {
            o = o.baseline(Baseline.read(baseline));
        }
        return o;
    }

    private void write(VerificationResult result, Appendable to) {
        if (format == Format.sarif) {
            new SarifReport(sourceRoots, sourceRoots.isEmpty() ? null : Path.of("")).write(result, to);
        } else {
            new TextReport().write(result, to);
        }
    }
}
