package io.github.irq4j.verify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One path on which a rule is broken.
 *
 * @param rule the rule
 * @param className the class, dotted ({@code com.example.Uart} or {@code com.example.Uart$Queue})
 * @param methodName the method's name as in the class file ({@code lambda$onRead$0} for a lambda)
 * @param methodDescriptor the method's JVM descriptor
 * @param sourcePath the source file as best known: package directory plus the class file's
 *        {@code SourceFile} attribute ({@code com/example/Uart.java})
 * @param line the line of the offending call or exit, or 0 if the class has no line numbers
 * @param message what is wrong, the value found, and what to do
 * @param steps the path from the method's entry to {@code line}, each step with what happened there
 * @param suppression why it does not count, or {@code null} if it does
 * @param occurrence 0 for the first finding with this fingerprint's content in its method, 1 for
 *        the next (by line), so that fingerprints stay unique
 */
public record Finding(StaticRule rule, String className, String methodName, String methodDescriptor,
        String sourcePath, int line, String message, List<TraceStep> steps, Suppression suppression, int occurrence) {

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(methodName, "methodName");
        steps = List.copyOf(steps);
    }

    /** A finding that counts. */
    public Finding(StaticRule rule, String className, String methodName, String methodDescriptor,
            String sourcePath, int line, String message, List<TraceStep> steps) {
        this(rule, className, methodName, methodDescriptor, sourcePath, line, message, steps, null, 0);
    }

    /** The lines along the bad path, from the method's entry to {@code line}. */
    public List<Integer> trace() {
        return steps.stream().map(TraceStep::line).toList();
    }

    /** {@code package.Class.method}, the SARIF logical location. */
    public String fullyQualifiedName() {
        return className + "." + methodName;
    }

    /**
     * A fingerprint that survives edits elsewhere in the file: a hash of the rule, the class, the
     * method with its descriptor, and the message with its line numbers left out, plus the
     * occurrence. Baselines and SARIF {@code partialFingerprints} use it.
     */
    public String fingerprint() {
        String content = rule.id() + "|" + className + "|" + methodName + methodDescriptor + "|"
                + message.replaceAll("line \\d+", "line") + "|" + occurrence;
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    Finding withSuppression(Suppression s) {
        return new Finding(rule, className, methodName, methodDescriptor, sourcePath, line, message, steps, s, occurrence);
    }

    Finding withOccurrence(int n) {
        return new Finding(rule, className, methodName, methodDescriptor, sourcePath, line, message, steps, suppression, n);
    }
}
