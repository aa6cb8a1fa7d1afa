package io.github.irq4j;

/**
 * Deferred procedure call for the ISR. Mirrors {@code EVT_WDF_INTERRUPT_DPC}.
 *
 * <p>Runs at {@code DISPATCH} for a spin-lock interrupt; for a passive-level interrupt the
 * framework runs it from a work item at {@code PASSIVE}. With automatic serialization it runs
 * holding the parent object's callback lock. It must not return holding an interrupt lock.
 */
@FunctionalInterface
public interface InterruptDpc {
    /**
     * @param interrupt the interrupt that queued the DPC
     * @param associatedObject the interrupt's parent object (its device unless set otherwise)
     */
    void onDpc(Interrupt interrupt, WdfObject associatedObject);
}
