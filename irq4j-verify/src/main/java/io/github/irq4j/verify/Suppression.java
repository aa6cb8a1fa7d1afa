package io.github.irq4j.verify;

import java.util.Objects;

/**
 * Why a finding does not count: a {@code @SuppressLockFinding} in the code, or an entry of the
 * baseline file. Suppressed findings do not fail the build and are listed in SARIF with a
 * {@code suppressions} entry.
 *
 * @param kind where the suppression comes from
 * @param justification the reason given (the annotation's {@code reason}, or the baseline file)
 */
public record Suppression(Kind kind, String justification) {

    /** Where a suppression comes from. */
    public enum Kind {
        /** {@code @SuppressLockFinding} on the method or an enclosing class: SARIF {@code inSource}. */
        IN_SOURCE,
        /** The baseline file given with {@code --baseline}: SARIF {@code external}. */
        BASELINE;

        /** The SARIF {@code suppression.kind}. */
        public String sarif() {
            return this == IN_SOURCE ? "inSource" : "external";
        }
    }

    public Suppression {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(justification, "justification");
    }
}
