package io.github.irq4j;

/**
 * Enables the device's interrupt at the hardware. Mirrors {@code EVT_WDF_INTERRUPT_ENABLE}.
 *
 * <p>Called at power-up and by {@link Interrupt#enable()}, holding the interrupt lock at the
 * lock's level. Throwing fails the enable: the interrupt stays connected but not enabled and
 * power-up fails.
 */
@FunctionalInterface
public interface InterruptEnable {
    /**
     * @param interrupt the interrupt being enabled
     * @param associatedDevice its device
     * @throws Exception to fail the enable
     */
    void onEnable(Interrupt interrupt, Device associatedDevice) throws Exception;
}
