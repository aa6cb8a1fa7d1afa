package io.github.irq4j;

/**
 * Receives every violation the runtime verifier finds, in modes {@code THROW} and {@code REPORT}.
 * Called on the thread that broke the rule, possibly at a raised level: do not block.
 */
@FunctionalInterface
public interface VerifierListener {
    void onViolation(Violation violation);
}
