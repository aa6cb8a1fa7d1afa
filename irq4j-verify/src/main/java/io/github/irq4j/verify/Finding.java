package io.github.irq4j.verify;

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
 */
public record Finding(StaticRule rule, String className, String methodName, String methodDescriptor,
        String sourcePath, int line, String message, List<TraceStep> steps) {

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(methodName, "methodName");
        steps = List.copyOf(steps);
    }

    /** The lines along the bad path, from the method's entry to {@code line}. */
    public List<Integer> trace() {
        return steps.stream().map(TraceStep::line).toList();
    }

    /** {@code package.Class.method}, the SARIF logical location. */
    public String fullyQualifiedName() {
        return className + "." + methodName;
    }
}
