package io.github.irq4j;

/**
 * Work item for the ISR. Mirrors {@code EVT_WDF_INTERRUPT_WORKITEM} and UMDF 1's
 * {@code OnInterruptWorkItem}.
 *
 * <p>Runs at {@code PASSIVE} on a framework worker thread (not an arbitrary thread: it may call
 * {@link Interrupt#acquireLock()}). It must not return holding an interrupt lock.
 */
@FunctionalInterface
public interface InterruptWorkItem {
    /**
     * @param interrupt the interrupt that queued the work item
     * @param associatedObject the interrupt's parent object (its device unless set otherwise)
     */
    void onWorkItem(Interrupt interrupt, WdfObject associatedObject);
}
