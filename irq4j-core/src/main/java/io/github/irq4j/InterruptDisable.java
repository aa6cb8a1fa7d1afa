package io.github.irq4j;

/**
 * Disables the device's interrupt at the hardware. Mirrors {@code EVT_WDF_INTERRUPT_DISABLE}.
 *
 * <p>Called at power-down and by {@link Interrupt#disable()}, holding the interrupt lock at the
 * lock's level. A failure is reported but teardown continues.
 */
@FunctionalInterface
public interface InterruptDisable {
    /**
     * @param interrupt the interrupt being disabled
     * @param associatedDevice its device
     * @throws Exception reported; teardown continues
     */
    void onDisable(Interrupt interrupt, Device associatedDevice) throws Exception;
}
