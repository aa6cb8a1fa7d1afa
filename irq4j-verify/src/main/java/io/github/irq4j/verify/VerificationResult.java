package io.github.irq4j.verify;

import java.util.List;

/**
 * What one run of the {@link StaticVerifier} found.
 *
 * @param findings the paths that break a rule, sorted by class, line and rule
 * @param errors the inputs that could not be read or analysed
 * @param classesRead how many classes were read
 * @param methodsAnalysed how many methods touch a lock and were analysed
 * @param truncatedMethods methods where a bound on paths was hit, so that some paths were not
 *        followed; their findings are still reported
 * @param suppressed findings that do not count: suppressed by {@code @SuppressLockFinding} or
 *        accepted by the baseline ({@link Finding#suppression()} says which)
 */
public record VerificationResult(List<Finding> findings, List<InputError> errors, int classesRead, int methodsAnalysed,
        List<Truncation> truncatedMethods, List<Finding> suppressed) {

    /** Exit code: nothing could be read. */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit code: at least one finding. */
    public static final int EXIT_FINDINGS = 1;
    /** Exit code: clean. */
    public static final int EXIT_CLEAN = 0;

    public VerificationResult {
        findings = List.copyOf(findings);
        errors = List.copyOf(errors);
        truncatedMethods = List.copyOf(truncatedMethods);
        suppressed = List.copyOf(suppressed);
    }

    /** A result without suppressed findings. */
    public VerificationResult(List<Finding> findings, List<InputError> errors, int classesRead, int methodsAnalysed,
            List<Truncation> truncatedMethods) {
        this(findings, errors, classesRead, methodsAnalysed, truncatedMethods, List.of());
    }

    /**
     * The process exit code: {@link #EXIT_BAD_INPUT} when no class could be read,
     * {@link #EXIT_FINDINGS} when there are findings, else {@link #EXIT_CLEAN} (input errors are then
     * reported but the rest was clean).
     */
    public int exitCode() {
        if (classesRead == 0) {
            return EXIT_BAD_INPUT;
        }
        return findings.isEmpty() ? EXIT_CLEAN : EXIT_FINDINGS;
    }
}
