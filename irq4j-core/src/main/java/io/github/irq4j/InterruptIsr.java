package io.github.irq4j;

/**
 * The interrupt service routine. Mirrors {@code EVT_WDF_INTERRUPT_ISR}.
 *
 * <p>Runs on the interrupt's dispatch thread holding the interrupt lock: at the interrupt's
 * {@code DIRQL} for a spin-lock interrupt, at {@code PASSIVE} for a passive-level interrupt. It
 * never runs before the interrupt is connected and enabled, nor after it is disabled. An
 * exception it throws is contained: the interrupt counts as unclaimed and the fault is reported.
 */
@FunctionalInterface
public interface InterruptIsr {
    /**
     * Services the interrupt.
     *
     * @param interrupt the interrupt object
     * @param messageId the interrupt's message number (MSI message, or its creation index)
     * @return {@code true} if this device raised the interrupt (claimed), {@code false} if not
     */
    boolean onIsr(Interrupt interrupt, int messageId);
}
