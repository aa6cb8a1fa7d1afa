package io.github.irq4j;

/** What the runtime verifier does on a misuse (SPEC section 4). */
public enum VerifierMode {
    /** Report the violation and throw {@link VerifierViolation} at the misuse site. The default. */
    THROW,
    /** Report the violation and continue, as WDF does with break-on-error off. */
    REPORT,
    /** No checks: fastest. Misuse then behaves as the underlying lock does (a recursive acquire deadlocks). */
    OFF
}
