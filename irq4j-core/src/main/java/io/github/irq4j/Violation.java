package io.github.irq4j;

/**
 * One misuse found by the runtime verifier (SPEC section 4).
 *
 * @param rule the rule broken
 * @param interrupt the interrupt's name
 * @param thread the name of the thread that broke it
 * @param currentIrql the thread's level at the misuse
 * @param requiredIrql the level the call needs, or the lock's level; may equal {@code currentIrql}
 *                     when the rule is not about levels
 * @param acquiredAt where the lock involved was taken: the callback ({@code "in uart0 work item"}),
 *                   or with site capture the source line ({@code "Uart.java:42"}), or {@code "-"} if
 *                   no lock was held or its holder ran outside framework callbacks
 * @param message the full message: rule, interrupt, value found, value expected and the fix
 */
public record Violation(Rule rule, String interrupt, String thread, Irql currentIrql, Irql requiredIrql,
                        String acquiredAt, String message) {
    @Override
    public String toString() {
        return message;
    }
}
