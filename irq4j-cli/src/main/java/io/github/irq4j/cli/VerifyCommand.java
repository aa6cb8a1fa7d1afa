package io.github.irq4j.cli;

import io.github.irq4j.verify.SarifReport;
import io.github.irq4j.verify.StaticVerifier;
import io.github.irq4j.verify.TextReport;
import io.github.irq4j.verify.VerificationResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code irq4j verify PATH...}: the static verifier over class directories, jars and class files.
 * Mirrors what Static Driver Verifier does for rule {@code WdfInterruptLock} (seed 002), at build
 * time. Exit code 0 when clean, 1 when there are findings, 2 when nothing could be read.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Checks the interrupt-lock rules (SPEC section 6) and java.util.concurrent lock release on compiled classes.",
                "Exit code: 0 clean, 1 findings, 2 nothing could be read."})
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

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Class directories, jars or .class files.")
    List<Path> paths;

    @Override
    public Integer call() throws IOException {
        VerificationResult result = new StaticVerifier().verify(paths);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (output != null) {
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                write(result, w);
            }
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

    private void write(VerificationResult result, Appendable to) {
        if (format == Format.sarif) {
            new SarifReport().write(result, to);
        } else {
            new TextReport().write(result, to);
        }
    }
}
