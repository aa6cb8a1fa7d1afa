package io.github.irq4j.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.stream.Collectors;

/**
 * Writes a {@link VerificationResult} for people: one block per finding, with the rule, where,
 * what is wrong and what to do, and the trace of lines along the bad path.
 * <pre>
 * com/example/Uart.java:42: WdfInterruptLockRelease in com.example.Uart.onWorkItem
 *     method returns at line 42 holding the interrupt lock of this.interrupt (acquireLock() at line 38); ...
 *     path: 36 -> 38 -> 40 -> 42
 *       38: acquireLock() on this.interrupt: held
 *       40: this.flag is true
 *       42: returns
 * </pre>
 */
public final class TextReport {

    /** Writes the report to {@code out}. */
    public void write(VerificationResult result, Appendable out) {
        try {
            for (Finding f : result.findings()) {
                out.append(f.sourcePath()).append(':').append(String.valueOf(f.line())).append(": ")
                        .append(f.rule().id()).append(" in ").append(f.fullyQualifiedName()).append('\n');
                out.append("    ").append(f.message()).append('\n');
                if (!f.trace().isEmpty()) {
                    out.append("    path: ").append(f.trace().stream().map(String::valueOf)
                            .collect(Collectors.joining(" -> "))).append('\n');
                    for (TraceStep step : f.steps()) {
                        if (!step.what().isEmpty()) {
                            out.append("      ").append(String.valueOf(step.line())).append(": ").append(step.what()).append('\n');
                        }
                    }
                }
            }
            for (InputError e : result.errors()) {
                out.append("error: ").append(e.location()).append(": ").append(e.message()).append('\n');
            }
            for (Truncation t : result.truncatedMethods()) {
                out.append("note: ").append(t.message()).append('\n');
            }
            out.append(summaryLine(result)).append('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the verification report: " + e.getMessage(), e);
        }
    }

    /** The one-line summary, such as {@code irq4j verify: 2 findings in 14 classes (3 methods with locks), 0 input errors}. */
    public static String summaryLine(VerificationResult result) {
        int n = result.findings().size();
        return "irq4j verify: " + n + (n == 1 ? " finding" : " findings") + " in " + result.classesRead()
                + (result.classesRead() == 1 ? " class" : " classes") + " (" + result.methodsAnalysed()
                + " methods with locks), " + result.errors().size()
                + (result.errors().size() == 1 ? " input error" : " input errors")
                + (result.suppressed().isEmpty() ? "" : ", " + result.suppressed().size() + " suppressed");
    }

    /** The report as a string. */
    public String toString(VerificationResult result) {
        StringBuilder sb = new StringBuilder();
        write(result, sb);
        return sb.toString();
    }
}
