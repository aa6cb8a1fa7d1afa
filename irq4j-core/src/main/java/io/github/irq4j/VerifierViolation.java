package io.github.irq4j;

/**
 * Thrown at a misuse site in {@link VerifierMode#THROW}. Branch on {@link #rule()}, never on the
 * message.
 */
public final class VerifierViolation extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Violation violation;

    public VerifierViolation(Violation violation) {
        super(violation.message());
        this.violation = violation;
    }

    /** The violation. */
    public Violation violation() {
        return violation;
    }

    /** The rule broken. */
    public Rule rule() {
        return violation.rule();
    }
}
